import { OicError } from "@oic-gen/runtime";

/**
 * Why a Redis store failed, for code that wants to tell the cases apart:
 * - `unreachable`: Redis did not answer within the command deadline (down, network, failover);
 * - `lock-timeout`: another holder kept the lock past `lockTimeoutMs`;
 * - `conflict`: a newer record was stored since this one was read (another replica renewed), so it was not written;
 * - `failed`: Redis answered with an error (wrong type, out of memory, script error...).
 */
export type RedisStoreFailure = "unreachable" | "lock-timeout" | "conflict" | "failed";

/**
 * The error every Redis store throws: an `OicError` with code `OIC_TOKEN_STORE_FAILED` (so the runtime and apps
 * handle it like any token store failure) plus a {@link RedisStoreFailure} `reason`. Messages never contain a
 * token, a Redis URL or a password.
 */
export class RedisStoreError extends OicError {
  readonly reason: RedisStoreFailure;
  constructor(reason: RedisStoreFailure, message: string, options?: { cause?: unknown }) {
    super("OIC_TOKEN_STORE_FAILED", message, options);
    this.name = "RedisStoreError";
    this.reason = reason;
  }
}

/** True when `error` is a {@link RedisStoreError}, optionally of one `reason`. */
export function isRedisStoreError(error: unknown, reason?: RedisStoreFailure): error is RedisStoreError {
  return error instanceof RedisStoreError && (reason === undefined || error.reason === reason);
}
