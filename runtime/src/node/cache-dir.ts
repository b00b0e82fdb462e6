import { homedir } from "node:os";
import { posix, win32 } from "node:path";

/**
 * The user's cache folder, per platform convention: `$XDG_CACHE_HOME` (when absolute) or `~/.cache` on
 * Linux and other Unixes, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
export function userCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: string = process.platform,
): string {
  const path = platform === "win32" ? win32 : posix;
  // XDG wins everywhere it is set, which also lets tests and sandboxes redirect the store.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return xdg;
  if (platform === "darwin") return path.join(homedir(), "Library", "Caches");
  if (platform === "win32")
    return env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA)
      ? env.LOCALAPPDATA
      : path.join(homedir(), "AppData", "Local");
  return path.join(homedir(), ".cache");
}
