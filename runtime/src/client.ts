import createClient, { type Client } from "openapi-fetch";
import type { OicAuth } from "./auth/types.js";
import { OIC_CONFIGURATION } from "./error-codes.js";
import { systemClock, type Clock } from "./call/clock.js";
import type { AttemptHook } from "./call/hooks.js";
import { Limiter } from "./call/limiter.js";
import { checkRetry, type RetryOptions, type RetryPolicy } from "./call/retry.js";
import { fillPathSegments } from "./call/path-segments.js";
import { OicError } from "./errors.js";
import { clientInstanceUrl } from "./instance-url.js";

export interface OicClientOptions {
  /**
   * The instance's runtime URL, e.g. `https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com`.
   * Generated paths start at `/ic/...`, so the same generated code serves dev, test and prod instances.
   * Default: the auth's `instanceUrl`; when both are given they must name the same origin.
   */
  instanceUrl?: string;
  /**
   * Accept a plain `http:` instance URL for a host other than loopback. Default `false`: the bearer token
   * would cross the network in clear. Loopback hosts (stand-ins, tunnels) are always accepted.
   */
  allowInsecureHttp?: boolean;
  /** How requests are authenticated; omit only for unauthenticated stand-ins. */
  auth?: OicAuth;
  /** A `fetch` implementation (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /**
   * Give up on a call after this long (ms; `Infinity` for never): it rejects with `OIC_TIMEOUT`. Default
   * 310 000: just above the 300 s after which OIC ends a synchronous integration. Per call: `timeoutMs`.
   * A chosen timeout cancels the request; the default one rejects the call and leaves the request to end on
   * the server (this keeps a signal, which costs fetch several microseconds, off the common path).
   */
  timeoutMs?: number;
  /**
   * Retries for 429, 502, 503, 504 and failed connections, honouring `Retry-After`: on GET, HEAD, OPTIONS,
   * PUT and DELETE by default (2 retries, backoff with jitter from 500 ms, at most 120 s in all); `false` for
   * none. Per call: `retry`.
   */
  retry?: RetryOptions | false;
  /**
   * At most this many calls of this client in flight; later ones queue (in order) until one ends. OIC runs
   * 100 synchronous requests per message pack at once and throttles beyond. Default: no bound.
   */
  maxConcurrent?: number;
  /** Called after every attempt with the operation, status, duration, attempt number and any retry wait; never a token. */
  onAttempt?: AttemptHook;
  /** The time source for retry waits (tests inject one that advances instantly). Default: the real clock. */
  clock?: Clock;
}

/** How calls through one client behave, resolved from {@link OicClientOptions}. */
export interface OicCallSettings {
  readonly timeoutMs: number;
  /** True when `timeoutMs` was given (then requests are cancelled when it fires, not only abandoned). */
  readonly timeoutChosen: boolean;
  readonly retry: RetryPolicy | undefined;
  readonly limiter: Limiter | undefined;
  readonly onAttempt: AttemptHook | undefined;
  readonly clock: Clock;
}

/** Default `timeoutMs`: OIC's 300 s synchronous limit plus time for the answer to arrive. */
export const DEFAULT_TIMEOUT_MS = 310_000;

/** A client for one OIC instance; pass it to every generated function. */
export interface OicClient {
  readonly instanceUrl: string;
  /** The HTTP layer (openapi-fetch) that generated functions send through; see {@link OicHttp}. */
  readonly http: OicHttp;
  /** How calls are authenticated, if they are. */
  readonly auth: OicAuth | undefined;
  /** Timeout and the other per-client call settings. */
  readonly settings: OicCallSettings;
}

/**
 * The part of openapi-fetch's client that the runtime uses. Declared here, narrowly, so that code importing
 * the runtime does not type-check openapi-fetch's path-generic types for every generated module.
 */
export interface OicHttp {
  request(
    method: string,
    url: string,
    init: {
      params?: object;
      body?: unknown;
      bodySerializer?: (body: unknown) => unknown;
      parseAs?: string;
      headers?: Record<string, string>;
      signal?: AbortSignal;
      duplex?: string;
      oicStreamedBody?: boolean;
    },
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** Creates the client that generated functions take as their first argument. */
export function createOicClient(options: OicClientOptions): OicClient {
  const instanceUrl = clientInstanceUrl(options.instanceUrl, options.auth, options.allowInsecureHttp === true);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // biome-ignore lint/suspicious/noExplicitAny: one client serves every generated module; each function brings its own path types
  const http: Client<any> = createClient<any>({
    baseUrl: instanceUrl,
    fetch: fetchImpl,
    headers: options.headers,
    pathSerializer: fillPathSegments,
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0))
    throw new OicError(OIC_CONFIGURATION, "timeoutMs must be a positive number of milliseconds (or Infinity)");
  const max = options.maxConcurrent;
  if (max !== undefined && !(Number.isInteger(max) && max > 0))
    throw new OicError(OIC_CONFIGURATION, "maxConcurrent must be a positive integer");
  const settings: OicCallSettings = {
    timeoutMs,
    timeoutChosen: options.timeoutMs !== undefined && options.timeoutMs !== Infinity,
    retry: checkRetry(options.retry),
    limiter: max !== undefined ? new Limiter(max) : undefined,
    onAttempt: options.onAttempt,
    clock: options.clock ?? systemClock,
  };
  return { instanceUrl, http: http as unknown as OicHttp, auth: options.auth, settings };
}
