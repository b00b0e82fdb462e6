import type { TokenEndpointResponse } from "openid-client";
import { systemClock, type Clock } from "../call/clock.js";
import { isLoginRequired, OicError, OicLoginRequiredError } from "../errors.js";
import { Mutex } from "./stores/mutex.js";
import type { RefreshAhead, SessionStatus } from "./session-status.js";
import type { StoredTokens, TokenStore } from "./stores/types.js";

export type { RefreshAhead, SessionStatus } from "./session-status.js";
import { whoIsSignedIn } from "./token-claims.js";
import { authorizationHeader, toStoredTokens } from "./token-set.js";

/** What a grant contributes to a session: how to obtain tokens and how to renew them. */
export interface TokenSource {
  /** Renews with a refresh token. Absent for grants that have none (client credentials). */
  refresh?(refreshToken: string): Promise<TokenEndpointResponse>;
  /**
   * Obtains tokens without a refresh token. With `interactive: false` (renewal after a 401) it must not
   * involve a user and resolves `undefined` when it cannot.
   */
  acquire(options: { interactive: boolean }): Promise<TokenEndpointResponse | undefined>;
}

/** Default {@link RefreshAhead}: min(5 minutes, 10% of the lifetime). */
export const defaultRefreshAhead = (lifetimeMs: number): number => Math.min(5 * 60_000, lifetimeMs * 0.1);

/** After a renewal failed for lack of network, a still-valid token is used this long before trying again. */
const RETRY_AFTER_UNREACHABLE_MS = 10_000;

/**
 * Decides *when* tokens are renewed, whatever grant obtains them and whatever store keeps them:
 *
 * - a valid token is served from memory without touching the store (the hot path of every call);
 * - renewal starts `refreshAhead` before expiry; concurrent callers share one renewal (single flight);
 * - renewals run under the store's lock and re-read the store first, so a token another process renewed
 *   is used instead of spending the same refresh token twice;
 * - a rotated refresh token is saved before the new access token is handed out; if a refresh answer has
 *   no refresh token the old one is kept;
 * - `invalid_grant` clears the store and surfaces as {@link OicLoginRequiredError}; an unreachable
 *   identity domain keeps the store, and a token that has not expired yet keeps being used.
 *
 * Every "now" (lifetimes, due dates, the back-off after an unreachable domain) comes from `clock`, so tests
 * and simulations can let an hour pass without waiting for it.
 */
export class TokenSession {
  readonly #store: TokenStore;
  readonly #binding: string;
  readonly #source: TokenSource;
  readonly #refreshAhead: (lifetimeMs: number) => number;
  readonly #mutex = new Mutex();
  #current: StoredTokens | undefined;
  #header: string | undefined;
  #renewal: Promise<StoredTokens | undefined> | undefined;
  /** An access token OIC answered 401 to: never served again. */
  #rejected: string | undefined;
  /** Renewed tokens whose save failed: retried before anything else, since their refresh token is the live one. */
  #unsaved: StoredTokens | undefined;
  #retryNotBefore = 0;
  readonly #clock: Pick<Clock, "now">;

  constructor(options: {
    store: TokenStore;
    binding: string;
    source: TokenSource;
    refreshAhead?: RefreshAhead;
    /** Time source (`now`, epoch ms). Default: the real clock. */
    clock?: Pick<Clock, "now">;
  }) {
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#binding = options.binding;
    this.#source = options.source;
    const ahead = options.refreshAhead ?? defaultRefreshAhead;
    if (typeof ahead === "number" && !(ahead >= 0))
      throw new OicError("OIC_CONFIGURATION", "refreshAhead must be a non-negative number of milliseconds");
    this.#refreshAhead = typeof ahead === "number" ? () => ahead : ahead;
  }

  /** The `Authorization` header value to send now; obtains or renews tokens when needed. */
  getAuthorization(options?: { signal?: AbortSignal }): Promise<string> {
    const current = this.#current;
    if (current !== undefined && this.#header !== undefined && (!this.#isDue(current) || this.#inBackoff(current))) {
      return Promise.resolve(this.#header);
    }
    return this.#renewForCall(options?.signal);
  }

  /**
   * After OIC rejected `rejected` with a 401: renews once (shared with concurrent callers) and resolves
   * `true` when a different header is available for one replay.
   */
  async handleUnauthorized(rejected: string, options?: { signal?: AbortSignal }): Promise<boolean> {
    if (this.#header !== undefined && this.#header !== rejected) return true;
    this.#rejected = rejected.slice(rejected.indexOf(" ") + 1);
    const next = await abortable(this.#renew(false), options?.signal);
    return next !== undefined && authorizationHeader(next) !== rejected;
  }

  /** Stores tokens just obtained by a login, replacing whatever was stored. */
  async replace(response: TokenEndpointResponse): Promise<void> {
    const next = toStoredTokens(response, this.#clock.now(), this.#binding);
    await this.#locked(() => this.#save(next));
    this.#use(next);
  }

  /** Forgets the tokens here and in the store; resolves what was stored (e.g. to revoke it). */
  async clear(): Promise<StoredTokens | undefined> {
    const removed = await this.#locked(async () => {
      const stored = await this.#loadBound();
      await this.#store.clear();
      return stored;
    });
    this.#forget();
    this.#unsaved = undefined;
    return removed;
  }

  /** What is stored, without any token. Reads the store (no lock, no network). */
  async status(): Promise<SessionStatus> {
    const stored = await this.#loadBound();
    if (!stored) return { loggedIn: false, refreshable: false };
    const refreshable = stored.refreshToken !== undefined;
    const expired = stored.expiresAt !== undefined && this.#clock.now() >= stored.expiresAt;
    return {
      loggedIn: refreshable || !expired,
      refreshable,
      ...(stored.expiresAt !== undefined ? { expiresAt: new Date(stored.expiresAt) } : {}),
      receivedAt: new Date(stored.receivedAt),
      ...(stored.scope !== undefined ? { scope: stored.scope } : {}),
      ...whoIsSignedIn(stored),
    };
  }

  async #renewForCall(signal: AbortSignal | undefined): Promise<string> {
    try {
      const next = await abortable(this.#renew(true), signal);
      if (!next) throw new OicLoginRequiredError("no stored tokens: sign in first");
      return authorizationHeader(next);
    } catch (error) {
      // A renewal ahead of expiry that fails for lack of network must not fail a call whose token still works.
      const current = this.#current;
      if (
        error instanceof OicError &&
        error.code === "OIC_IDENTITY_DOMAIN_UNREACHABLE" &&
        current &&
        this.#stillValid(current)
      ) {
        this.#retryNotBefore = this.#clock.now() + RETRY_AFTER_UNREACHABLE_MS;
        return authorizationHeader(current);
      }
      throw error;
    }
  }

  /** Single flight: every caller during a renewal waits for the same one. */
  #renew(interactive: boolean): Promise<StoredTokens | undefined> {
    this.#renewal ??= this.#renewNow(interactive).finally(() => {
      this.#renewal = undefined;
    });
    return this.#renewal;
  }

  async #renewNow(interactive: boolean): Promise<StoredTokens | undefined> {
    const renewed = await this.#locked(async () => {
      if (this.#unsaved) await this.#save(this.#unsaved);
      // Re-read under the lock: another process or session may have renewed (and rotated) already.
      const stored = await this.#loadBound();
      if (!stored) return undefined;
      if (this.#usable(stored)) return stored;
      // Keep the due-but-valid token at hand in case the refresh cannot reach the identity domain.
      if (this.#stillValid(stored)) this.#use(stored);
      if (!stored.refreshToken || !this.#source.refresh) return undefined;
      let response: TokenEndpointResponse;
      try {
        response = await this.#source.refresh(stored.refreshToken);
      } catch (error) {
        if (isLoginRequired(error)) {
          await this.#store.clear();
          this.#forget();
        }
        throw error;
      }
      const next = toStoredTokens(response, this.#clock.now(), this.#binding, stored.refreshToken);
      // Persist the rotated refresh token before the new access token can be used by anyone.
      await this.#save(next);
      return next;
    });
    if (renewed) return this.#use(renewed);
    const response = await this.#source.acquire({ interactive });
    if (!response) return undefined;
    const next = toStoredTokens(response, this.#clock.now(), this.#binding);
    await this.#locked(() => this.#save(next));
    return this.#use(next);
  }

  async #save(tokens: StoredTokens): Promise<void> {
    try {
      await this.#store.save(tokens);
      this.#unsaved = undefined;
    } catch (error) {
      this.#unsaved = tokens;
      throw error instanceof OicError
        ? error
        : new OicError("OIC_TOKEN_STORE_FAILED", "could not save the renewed tokens", { cause: error });
    }
  }

  async #loadBound(): Promise<StoredTokens | undefined> {
    let stored: StoredTokens | undefined;
    try {
      stored = await this.#store.load();
    } catch (error) {
      throw error instanceof OicError
        ? error
        : new OicError("OIC_TOKEN_STORE_FAILED", "could not read the token store", { cause: error });
    }
    // Tokens for another client or scope (say, another instance) are not ours to send.
    return stored && (stored.binding === undefined || stored.binding === this.#binding) ? stored : undefined;
  }

  #locked<T>(task: () => Promise<T>): Promise<T> {
    return this.#store.lock ? this.#store.lock(task) : this.#mutex.run(task);
  }

  #use(tokens: StoredTokens): StoredTokens {
    this.#current = tokens;
    this.#header = authorizationHeader(tokens);
    if (tokens.accessToken !== this.#rejected) this.#retryNotBefore = 0;
    return tokens;
  }

  #forget(): void {
    this.#current = undefined;
    this.#header = undefined;
  }

  #usable(tokens: StoredTokens): boolean {
    return tokens.accessToken !== this.#rejected && !this.#isDue(tokens);
  }

  #isDue(tokens: StoredTokens): boolean {
    if (tokens.accessToken === this.#rejected) return true;
    if (tokens.expiresAt === undefined) return false;
    return (
      this.#clock.now() >= tokens.expiresAt - Math.max(0, this.#refreshAhead(tokens.expiresAt - tokens.receivedAt))
    );
  }

  #stillValid(tokens: StoredTokens): boolean {
    return (
      tokens.accessToken !== this.#rejected && (tokens.expiresAt === undefined || this.#clock.now() < tokens.expiresAt)
    );
  }

  #inBackoff(tokens: StoredTokens): boolean {
    return this.#clock.now() < this.#retryNotBefore && this.#stillValid(tokens);
  }
}

/** Lets one caller stop waiting without cancelling the renewal other callers share. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted)
    return Promise.reject(new OicError("OIC_ABORTED", "the call was aborted while waiting for a token"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new OicError("OIC_ABORTED", "the call was aborted while waiting for a token"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
