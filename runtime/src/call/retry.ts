import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError } from "../errors.js";

/**
 * When a call is sent again. OIC throttles excess load with 429 and its gateways answer 502/503/504 while an
 * instance scales or restarts; a connection that fails is worth another try as well. Idempotent methods
 * (GET, HEAD, OPTIONS, PUT, DELETE) are retried by default; POST and PATCH only with `nonIdempotent: true`,
 * since OIC may have started the integration before the answer was lost.
 */
export interface RetryOptions {
  /** Attempts after the first one. Default 2; 0 turns retries off. */
  retries?: number;
  /** Also retry POST and PATCH. Default `false`. */
  nonIdempotent?: boolean;
  /** The first wait (ms) when the server names none; doubled per attempt, with full jitter. Default 500. */
  baseDelayMs?: number;
  /** The longest wait (ms) the backoff picks by itself (a `Retry-After` may ask for longer). Default 30 000. */
  maxDelayMs?: number;
  /** No attempt starts later than this (ms) after the call's first one. Default 120 000. */
  maxElapsedMs?: number;
}

/** {@link RetryOptions} with every member set. */
export type RetryPolicy = Readonly<Required<RetryOptions>>;

/** The retry settings used when a client gives none. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  retries: 2,
  nonIdempotent: false,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxElapsedMs: 120_000,
});

/** Statuses worth another attempt: throttled (429) and the gateway's "not now" answers. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** A call's policy: the call's own options over the client's; `false` at either level means none. */
export function resolveRetry(
  base: RetryPolicy | undefined,
  call: RetryOptions | false | undefined,
): RetryPolicy | undefined {
  if (call === false) return undefined;
  if (call === undefined) return base;
  return checkRetry({ ...(base ?? DEFAULT_RETRY), ...call });
}

/** Validates and completes a client's retry options. */
export function checkRetry(options: RetryOptions | false | undefined): RetryPolicy | undefined {
  if (options === false) return undefined;
  const policy = { ...DEFAULT_RETRY, ...options };
  for (const [name, value] of Object.entries(policy)) {
    if (name !== "nonIdempotent" && !(typeof value === "number" && value >= 0))
      throw new OicError(OIC_CONFIGURATION, `retry.${name} must be a non-negative number`);
  }
  return policy.retries === 0 ? undefined : Object.freeze(policy);
}

/** Whether `method` may be retried under `policy`. */
export function mayRetry(policy: RetryPolicy, method: string): boolean {
  return policy.nonIdempotent || IDEMPOTENT.has(method);
}

/**
 * How long to wait before attempt `attempt + 1`: the server's `Retry-After` (seconds or an HTTP date) when it
 * sent one, else exponential backoff with full jitter, so that many throttled clients do not come back at once.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null,
  now: number,
  random: () => number,
): number {
  const asked = retryAfter === null ? undefined : parseRetryAfter(retryAfter, now);
  if (asked !== undefined) return asked;
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` as milliseconds from `now`. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
