import { spawn } from "node:child_process";

/**
 * Opens `url` in the system browser (`open` on macOS, the URL handler on Windows, `xdg-open` elsewhere
 * when a display is available). Where there is none (CI, SSH session without display) or the opener
 * fails, prints the URL on stderr so the user can open it on any device that can reach the loopback
 * address. The URL carries `state` and the PKCE challenge, which are not secrets.
 */
export async function openSystemBrowser(url: URL): Promise<void> {
  const command = browserCommand(url.href);
  if (command && (await launch(command[0], command[1]))) {
    process.stderr.write(`Opened a browser to sign in. If none appeared, open this URL:\n  ${url.href}\n`);
    return;
  }
  process.stderr.write(`To sign in, open this URL in a browser on this machine:\n  ${url.href}\n`);
}

function browserCommand(href: string): [string, string[]] | undefined {
  if (process.env.CI) return undefined;
  if (process.platform === "darwin") return ["open", [href]];
  // rundll32 takes the URL as one argument, unlike `cmd /c start`, which would re-parse `&`.
  if (process.platform === "win32") return ["rundll32", ["url.dll,FileProtocolHandler", href]];
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  return ["xdg-open", [href]];
}

function launch(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: "ignore", detached: true });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
