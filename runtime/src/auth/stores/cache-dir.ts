import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/**
 * The user's cache folder, per platform convention: `$XDG_CACHE_HOME` (when absolute) or `~/.cache` on
 * Linux and other Unixes, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  // XDG wins everywhere it is set, which also lets tests and sandboxes redirect the store.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return xdg;
  if (platform === "darwin") return join(homedir(), "Library", "Caches");
  if (platform === "win32") return env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : join(homedir(), "AppData", "Local");
  return join(homedir(), ".cache");
}
