/**
 * One set of tokens as kept by a {@link TokenStore}. Plain JSON so any store can serialise it.
 * Treat the whole record as a secret.
 */
export interface StoredTokens {
  /** Record format; bumped if the shape ever changes incompatibly. */
  readonly version: 1;
  /** The access token sent as `Authorization: <tokenType> <accessToken>`. */
  readonly accessToken: string;
  /** Usually `Bearer`. */
  readonly tokenType: string;
  /** Local time (epoch ms) the token response arrived. Lifetimes are counted from here, not from the server clock. */
  readonly receivedAt: number;
  /** `receivedAt + expires_in` in epoch ms; absent when the identity domain sent no `expires_in`. */
  readonly expiresAt?: number;
  /** The current refresh token, if any. Rotated on every refresh; the previous one is spent. */
  readonly refreshToken?: string;
  /** The scope the identity domain granted, when it said. */
  readonly scope?: string;
  /** The ID token, when `openid` was asked for (needed for a logout at the identity domain). */
  readonly idToken?: string;
  /**
   * Which client and requested scope these tokens were obtained for. A session ignores tokens bound to a
   * different client or scope (e.g. another OIC instance) instead of sending them to the wrong place.
   */
  readonly binding?: string;
}

/**
 * Where tokens are kept between calls and between processes. Implement it to keep tokens in your own
 * place, for example in a web app's per-user server-side session.
 *
 * The session calls `load` and `save` under `lock` when it renews, so that a refresh token is spent by one
 * renewal only. Stores shared by several processes must implement `lock` across processes; stores used by
 * one process only may omit it (the runtime then serialises renewals per session object only).
 */
export interface TokenStore {
  /** The stored tokens, or `undefined` when there are none (or they cannot be read as tokens). */
  load(): Promise<StoredTokens | undefined>;
  /** Replaces the stored tokens. Must be atomic: a crash leaves either the old or the new record. */
  save(tokens: StoredTokens): Promise<void>;
  /** Forgets the stored tokens. */
  clear(): Promise<void>;
  /** Runs `task` while holding this store's exclusive lock, and releases it however `task` ends. */
  lock?<T>(task: () => Promise<T>): Promise<T>;
}

/** Parses a stored record defensively: anything that is not a version-1 token record reads as "no tokens". */
export function parseStoredTokens(value: unknown): StoredTokens | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.version !== 1 || typeof record.accessToken !== "string" || typeof record.tokenType !== "string")
    return undefined;
  if (typeof record.receivedAt !== "number") return undefined;
  if (record.expiresAt !== undefined && typeof record.expiresAt !== "number") return undefined;
  for (const key of ["refreshToken", "scope", "idToken", "binding"]) {
    if (record[key] !== undefined && typeof record[key] !== "string") return undefined;
  }
  return record as unknown as StoredTokens;
}

/** What stored tokens are keyed by: the identity domain, the client, the scope asked for and the instance. */
export interface LoginKey {
  /** The domain URL (or the token endpoint when endpoints were given by hand). */
  readonly domain: string;
  readonly clientId: string;
  /** Space-separated, as asked for (`offline_access` included). */
  readonly scope: string;
  /** Origin of the instance. */
  readonly instanceUrl: string;
}

/**
 * A store, or a function that picks one from the login's key: e.g. `cliLoginStore` from
 * `@oic-gen/runtime/node`, the file `oic-gen login` keeps its tokens in.
 */
export type TokenStoreChoice = TokenStore | ((key: LoginKey) => TokenStore);
