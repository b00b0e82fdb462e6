import { createHash } from "node:crypto";
import type { LoginKey } from "../auth/stores/types.js";
import { fileTokenStore, type FileTokenStore } from "./file-token-store.js";

/**
 * The file `oic-gen login` keeps a login in, for its key: `<cache>/oic-gen/login-<hash>.json` (0600). Pass
 * it as `store` and a script reuses (and refreshes) the developer's CLI login, as `gh auth token` does for gh:
 *
 * ```ts
 * authorizationCode({ domainUrl, clientId, clientSecret, instanceUrl, redirectUri, store: cliLoginStore });
 * ```
 *
 * The same domain URL, client, scope and instance as the CLI's give the same file; anything else gives
 * another file, so a login is never used for an instance it was not made for.
 */
export function cliLoginStore(key: LoginKey): FileTokenStore {
  return fileTokenStore({ name: cliLoginName(key) });
}

/** `login-<16 hex>`: the file name (without `.json`) of a CLI login. */
export function cliLoginName(key: LoginKey): string {
  const domain = key.domain.replace(/\/+$/, "");
  return `login-${createHash("sha256").update([domain, key.clientId, key.scope, key.instanceUrl].join("\n")).digest("hex").slice(0, 16)}`;
}
