import createClient, { type Client } from "openapi-fetch";
import type { OicAuth } from "./auth/types.js";
import { OIC_CONFIGURATION } from "./error-codes.js";
import { authMiddleware } from "./call/auth-middleware.js";
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
   */
  timeoutMs?: number;
}

/** How calls through one client behave, resolved from {@link OicClientOptions}. */
export interface OicCallSettings {
  readonly timeoutMs: number;
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
    init: { params?: object; body?: unknown; bodySerializer?: (body: unknown) => unknown; parseAs?: string; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** Creates the client that generated functions take as their first argument. */
export function createOicClient(options: OicClientOptions): OicClient {
  const instanceUrl = clientInstanceUrl(options.instanceUrl, options.auth, options.allowInsecureHttp === true);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const http: Client<any> = createClient<any>({ baseUrl: instanceUrl, fetch: fetchImpl, headers: options.headers, pathSerializer: fillPathSegments });
  if (options.auth) http.use(authMiddleware(options.auth, `${instanceUrl}/`, fetchImpl));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new OicError(OIC_CONFIGURATION, "timeoutMs must be a positive number of milliseconds (or Infinity)");
  return { instanceUrl, http: http as unknown as OicHttp, auth: options.auth, settings: { timeoutMs } };
}
