/** Default lifetime of a pending login (ms): 10 minutes, as `finishWebLogin`'s default `maxAgeMs`. */
export const DEFAULT_PENDING_LOGIN_TTL_MS = 10 * 60_000;
/** Default number of pending logins one client may have at once; starting more evicts its oldest. */
export const DEFAULT_PENDING_LOGINS_PER_CLIENT = 10;

/**
 * Where a web app keeps logins in progress (the `PendingLogin` from `startWebLogin`, plus anything the app adds
 * such as where to return), between `GET /login` and `GET /callback`, possibly on two different replicas.
 *
 * A pending login lives at most `ttlMs` and is taken once. Each client (its IP address, say) has at most
 * `maxPerClient` at once: starting one more evicts that client's oldest, so an anonymous flood of `/login`
 * costs bounded memory and keys, and cannot push out other clients' logins.
 */
export interface PendingLoginStore<T> {
  /** Keeps `value` for `client`; resolves the id to give the browser (in an HttpOnly cookie). */
  put(client: string, value: T): Promise<string>;
  /** The value kept under `id`, removed in the same step (one use); `undefined` if unknown, taken or expired. */
  take(id: string): Promise<T | undefined>;
}

/** Options common to the pending-login stores. */
export interface PendingLoginStoreOptions {
  /** Lifetime of a pending login (ms). Default 10 minutes. */
  ttlMs?: number;
  /** Pending logins per client at once. Default 10. */
  maxPerClient?: number;
}
