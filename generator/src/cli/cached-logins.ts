import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { userCacheDir, userStateDir } from "@oic-gen/runtime/node";

/** A login `oic-gen login` cached earlier: what it is for, never its tokens. */
export interface CachedLogin {
  instance: string;
  scope: string;
}

/**
 * The logins cached for this identity domain and client, read from the `binding` the runtime stores beside the
 * tokens (`[domain, clientId, scope, instance]`). Used to say "your cached login is for <instance>" when a
 * mistyped instance URL finds none. Only the binding is read; unreadable files are skipped.
 */
export async function cachedLogins(domainUrl: string, clientId: string): Promise<CachedLogin[]> {
  const found: CachedLogin[] = [];
  // Logins live in the state folder; older versions kept them in the cache folder (moved on first use).
  for (const dir of [join(userStateDir(), "oic-gen"), join(userCacheDir(), "oic-gen")])
    await readLogins(dir, domainUrl, clientId, found);
  return found.filter(
    (login, i) => found.findIndex((other) => other.instance === login.instance && other.scope === login.scope) === i,
  );
}

async function readLogins(dir: string, domainUrl: string, clientId: string, found: CachedLogin[]): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const domain = domainUrl.replace(/\/+$/, "");
  for (const name of names.filter((file) => /^login-[0-9a-f]{16}\.json$/.test(file))) {
    try {
      const { binding } = JSON.parse(await readFile(join(dir, name), "utf8")) as { binding?: unknown };
      const parts = typeof binding === "string" ? (JSON.parse(binding) as unknown) : undefined;
      if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((part) => typeof part === "string")) continue;
      const [boundDomain, boundClient, scope, instance] = parts as string[];
      if (boundDomain!.replace(/\/+$/, "") === domain && boundClient === clientId)
        found.push({ instance: instance!, scope: scope! });
    } catch {
      // not a login file we can read: ignore it
    }
  }
}
