import { createHash } from "node:crypto";
import type { LoginKey, StoredTokens, TokenStore } from "../auth/stores/types.js";
import { fileTokenStore } from "./file-token-store.js";
import { openKeychain, type KeychainEntry } from "./keychain.js";

/** The store of a CLI login: where its refresh token is kept can be asked. */
export interface CliLoginStore extends TokenStore {
  /** The file that holds the login (its refresh token too when there is no keychain). */
  readonly path: string;
  /** `"keychain"` when the refresh token is in the OS keychain, `"file"` when it is in {@link path}. */
  where(): Promise<"keychain" | "file">;
  lock<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * The login `oic-gen login` keeps, for its key: `<state>/oic-gen/login-<hash>.json` (0600) and, where there is
 * an OS keychain (macOS Keychain, Windows Credential Manager, Secret Service), the refresh token in it (service
 * `oic-gen`, account `login-<hash>`). Without a keychain (CI, containers) the file holds the refresh token
 * too; `OIC_GEN_TOKEN_STORE=file` asks for that. Pass it as `store` and a script reuses (and refreshes) the
 * developer's CLI login, as `gh auth token` does for gh:
 *
 * ```ts
 * authorizationCode({ domainUrl, clientId, clientSecret, instanceUrl, redirectUri, store: cliLoginStore });
 * ```
 *
 * The same domain URL, client, scope and instance as the CLI's give the same login; anything else gives
 * another, so a login is never used for an instance it was not made for. The file's cross-process lock
 * guards both places.
 */
export function cliLoginStore(key: LoginKey): CliLoginStore {
  const name = cliLoginName(key);
  const file = fileTokenStore({ name });
  let keychain: Promise<KeychainEntry | undefined> | undefined;
  const entry = () => (keychain ??= openKeychain(name));
  return {
    path: file.path,
    async where() {
      return (await entry()) ? "keychain" : "file";
    },
    async load(): Promise<StoredTokens | undefined> {
      const stored = await file.load();
      const chain = await entry();
      if (!stored || !chain || stored.refreshToken) return stored;
      const refreshToken = chain.get();
      return refreshToken ? { ...stored, refreshToken } : stored;
    },
    async save(tokens: StoredTokens): Promise<void> {
      const chain = await entry();
      if (!chain || !tokens.refreshToken) {
        if (!tokens.refreshToken) chain?.delete();
        return file.save(tokens);
      }
      // Keychain first: the file must never point at a refresh token that is not saved yet.
      chain.set(tokens.refreshToken);
      const { refreshToken: _kept, ...rest } = tokens;
      await file.save(rest);
    },
    async clear(): Promise<void> {
      (await entry())?.delete();
      await file.clear();
    },
    lock: (task) => file.lock(task),
  };
}

/** `login-<16 hex>`: the file name (without `.json`) of a CLI login. */
export function cliLoginName(key: LoginKey): string {
  const domain = key.domain.replace(/\/+$/, "");
  return `login-${createHash("sha256").update([domain, key.clientId, key.scope, key.instanceUrl].join("\n")).digest("hex").slice(0, 16)}`;
}
