import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import type { StoredTokens, TokenStore } from "@oic-gen/runtime";
import { RedisStoreError } from "./errors.js";
import { DEFAULT_PREFIX, userTag } from "./keys.js";
import { RecordCipher, type RecordEncryption } from "./record-cipher.js";
import { DEFAULT_COMMAND_TIMEOUT_MS, RedisCommands, type RedisCommandClient } from "./redis-commands.js";
import { RedisLock, type LockHold } from "./redis-lock.js";
import { parseTokenRecord } from "./token-record.js";
import { CLEAR_RECORD, SAVE_RECORD } from "./token-scripts.js";

/** Options of {@link redisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** A connected node-redis client (`createClient({ url }).connect()`), shared by all stores of the app. */
  client: RedisCommandClient;
  /** Whose tokens: a user id, or (as in the example web app) a server-side session id. */
  user: string;
  /**
   * Which confidential application and instance the tokens are for, e.g. `${clientId} ${instanceUrl}`, so
   * one user's tokens for two instances never share a key. Default `""`.
   */
  binding?: string;
  /** Prefix of the keys. Default `"oic:"`. */
  prefix?: string;
  /** AES-256-GCM encryption of the record at rest (Redis holds refresh tokens). Default: none. */
  encryption?: RecordEncryption;
  /** Lifetime of the lock without renewal (ms): how soon a crashed replica's lock frees itself. Default 15 000. */
  lockTtlMs?: number;
  /** How long to wait for a replica that is renewing (ms). Default 45 000 (longer than a token request may take). */
  lockTimeoutMs?: number;
  /** Deadline of each Redis command (ms); past it the store throws `RedisStoreError` `unreachable`. Default 2 000. */
  commandTimeoutMs?: number;
  /**
   * How long a refresh token lives at the identity domain (ms): the record's TTL after each save. Default
   * 7 days, the identity domain's default. Records without a refresh token live until their access token expires.
   */
  refreshTokenLifetimeMs?: number;
}

/** A {@link TokenStore} in Redis; `key` says where. */
export interface RedisTokenStore extends TokenStore {
  /** The Redis key of the record (a hash `{ rev, data }`); its lock is the same key with `:lock` for `:tokens`. */
  readonly key: string;
  lock<T>(task: () => Promise<T>): Promise<T>;
}

interface Hold {
  readonly lock: LockHold;
  /** The record's rev as read in this hold (`""`: none), once read. */
  readRev?: string;
}

interface PlannedWrite {
  /** The rev the write is conditional on (`"*"`: unconditional). */
  readonly expect: string;
  /** The rev it writes: the same on every retry, so a retry after a lost reply is recognised. */
  readonly rev: string;
}

/**
 * Keeps one user's tokens in Redis, shared by every replica of a web app, with the guarantees a rotating
 * refresh token needs:
 *
 * - `lock` holds a lock across processes and hosts (`SET NX PX` with a random value, renewed while the task
 *   runs, released by compare-and-delete). A crashed holder's lock expires after `lockTtlMs`; a waiter gives up
 *   after `lockTimeoutMs` with `RedisStoreError` `lock-timeout`.
 * - `save` is one script that writes only if the lock is ours (or free) and the record is still the one read
 *   under this lock. A replica whose lock expired cannot overwrite a newer rotation: it gets `conflict`, the
 *   newer record stays, and saving the refused record again resolves without writing (the session then
 *   re-reads the newer one). A save retried after a lost reply is recognised and not applied twice.
 * - the record expires with the refresh token (`refreshTokenLifetimeMs` after each save); it can be encrypted
 *   with an app key (AES-256-GCM, authenticated with its key name).
 * - every command has a deadline (`commandTimeoutMs`): an unreachable Redis fails the call with
 *   `RedisStoreError` `unreachable`; a write either lands whole or not at all.
 *
 * A valid access token is served from the session's memory: calls do not touch Redis until a renewal is due.
 *
 * @example
 * ```ts
 * const redis = await createClient({ url: process.env.REDIS_URL }).on("error", () => {}).connect();
 * const store = redisTokenStore({ client: redis, user: session.id, binding: `${clientId} ${instanceUrl}` });
 * const auth = authorizationCode({ domain, scope, redirectUri, store, login: "none" });
 * ```
 */
export function redisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  if (typeof options.user !== "string" || options.user === "")
    throw new RedisStoreError("failed", "redisTokenStore needs a non-empty user");
  const redis = new RedisCommands(options.client, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  const cipher = new RecordCipher(options.encryption);
  const base = `${options.prefix ?? DEFAULT_PREFIX}${userTag(options.user, options.binding ?? "")}`;
  const key = `${base}:tokens`;
  const lock = new RedisLock(redis, `${base}:lock`, {
    ttlMs: options.lockTtlMs ?? 15_000,
    timeoutMs: options.lockTimeoutMs ?? 45_000,
  });
  const lifetimeMs = options.refreshTokenLifetimeMs ?? 7 * 24 * 3600_000;
  if (!(lifetimeMs > 0)) throw new RedisStoreError("failed", "refreshTokenLifetimeMs must be positive");
  const holds = new AsyncLocalStorage<Hold>();
  // Within one process, queue here rather than poll Redis.
  let tail: Promise<unknown> = Promise.resolve();
  const planned = new WeakMap<StoredTokens, PlannedWrite>();
  const superseded = new WeakSet<StoredTokens>();

  function ttlOf(tokens: StoredTokens): number {
    const until =
      tokens.refreshToken !== undefined
        ? tokens.receivedAt + lifetimeMs
        : (tokens.expiresAt ?? tokens.receivedAt + lifetimeMs);
    return Math.max(1_000, Math.round(until - Date.now()));
  }

  function withLock<T>(task: () => Promise<T>): Promise<T> {
    if (holds.getStore()) return task(); // already held by this task (a load/save/clear inside lock)
    const result = tail.then(() => lock.run((hold) => holds.run({ lock: hold }, task)));
    tail = result.catch(() => undefined);
    return result;
  }

  async function save(tokens: StoredTokens, hold: Hold): Promise<void> {
    if (superseded.has(tokens)) return; // refused once because a newer record exists: that one stays
    let plan = planned.get(tokens);
    if (!plan) {
      // Read under this lock: write only over that record. Not read (a fresh sign-in): replace whatever is there.
      plan = { expect: hold.readRev ?? "*", rev: randomBytes(12).toString("base64url") };
      planned.set(tokens, plan);
    }
    const data = cipher.seal(JSON.stringify(tokens), key);
    const outcome = await redis.eval<string>(
      SAVE_RECORD,
      [key, lock.key],
      [hold.lock.value, plan.expect, plan.rev, data, String(ttlOf(tokens))],
      "the token save",
    );
    if (outcome === "ok" || outcome === "same") {
      hold.readRev = plan.rev;
      return;
    }
    superseded.add(tokens);
    throw new RedisStoreError(
      "conflict",
      outcome === "not-holder"
        ? "the token store lock expired and another replica holds it: the renewed tokens were not saved over its work"
        : "a newer token record was saved by another replica since this one was read: it was kept, these tokens were not saved",
    );
  }

  return {
    key,
    async load(): Promise<StoredTokens | undefined> {
      const [rev, data] = await redis.send<[string | null, string | null]>(
        ["HMGET", key, "rev", "data"],
        "the token load",
      );
      const hold = holds.getStore();
      if (hold) hold.readRev = rev ?? "";
      if (data === null) return undefined;
      const text = cipher.open(data, key);
      return text === undefined ? undefined : parseTokenRecord(text);
    },
    save(tokens: StoredTokens): Promise<void> {
      const hold = holds.getStore();
      return hold ? save(tokens, hold) : withLock(() => save(tokens, holds.getStore()!));
    },
    clear(): Promise<void> {
      const run = async (hold: Hold) => {
        const outcome = await redis.eval<string>(
          CLEAR_RECORD,
          [key, lock.key],
          [hold.lock.value, hold.readRev ?? "*"],
          "the token clear",
        );
        // `conflict`: tokens saved since our read are newer than what we meant to forget; they stay.
        if (outcome === "not-holder")
          throw new RedisStoreError(
            "conflict",
            "the token store lock expired and another replica holds it: the tokens were not cleared",
          );
        if (outcome === "ok") hold.readRev = "";
      };
      const hold = holds.getStore();
      return hold ? run(hold) : withLock(() => run(holds.getStore()!));
    },
    lock: withLock,
  };
}
