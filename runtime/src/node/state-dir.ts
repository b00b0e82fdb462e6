import { homedir } from "node:os";
import { posix, win32 } from "node:path";

/**
 * The user's state folder, where data that must survive (unlike a cache, which cleaners purge) but is not
 * configuration lives: `$XDG_STATE_HOME` (when absolute) or `~/.local/state` on Linux and other Unixes,
 * `~/Library/Application Support` on macOS, `%LOCALAPPDATA%` on Windows.
 */
export function userStateDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: string = process.platform,
): string {
  const path = platform === "win32" ? win32 : posix;
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return xdg;
  if (platform === "darwin") return path.join(homedir(), "Library", "Application Support");
  if (platform === "win32")
    return env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA)
      ? env.LOCALAPPDATA
      : path.join(homedir(), "AppData", "Local");
  return path.join(homedir(), ".local", "state");
}
