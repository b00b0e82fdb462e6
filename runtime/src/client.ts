import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { OicAuth } from "./auth/types.js";
import { OIC_CONFIGURATION } from "./error-codes.js";
import { OicError } from "./errors.js";

export interface OicClientOptions {
  /**
   * The instance's runtime URL, e.g. `https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com`.
   * Generated paths start at `/ic/...`, so the same generated code serves dev, test and prod instances.
   */
  instanceUrl: string;
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
  const instanceUrl = normaliseInstanceUrl(options.instanceUrl);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const http: Client<any> = createClient<any>({ baseUrl: instanceUrl, fetch: fetchImpl, headers: options.headers });
  if (options.auth) http.use(authMiddleware(options.auth, fetchImpl));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new OicError(OIC_CONFIGURATION, "timeoutMs must be a positive number of milliseconds (or Infinity)");
  return { instanceUrl, http: http as unknown as OicHttp, auth: options.auth, settings: { timeoutMs } };
}

function normaliseInstanceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OicError("OIC_CONFIGURATION", `instanceUrl is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new OicError("OIC_CONFIGURATION", `instanceUrl must be http(s), got ${url.protocol}`);
  }
  // Only the origin and an optional prefix path are kept: generated paths carry /ic/api/...
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * Adds the Authorization header, and on a 401 asks the auth mode to renew and replays the request once.
 * A request with a body keeps a copy (`clone()`) before it is sent, since the body is consumed by then;
 * a bodyless request is rebuilt from itself, which keeps the hot path free of copies and bookkeeping.
 */
function authMiddleware(auth: OicAuth, fetchImpl: typeof globalThis.fetch): Middleware {
  const copies = new WeakMap<Request, Request>();
  return {
    async onRequest({ request }) {
      request.headers.set("Authorization", await auth.getAuthorization({ signal: request.signal }));
      if (request.body !== null && auth.handleUnauthorized) copies.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response }) {
      const copy = copies.get(request);
      if (copy) copies.delete(request);
      if (response.status !== 401 || !auth.handleUnauthorized) return undefined;
      const sent = request.headers.get("Authorization") ?? "";
      const renewed = await auth.handleUnauthorized(sent, { signal: request.signal });
      if (!renewed) return undefined;
      await response.body?.cancel();
      const replay = copy ?? new Request(request);
      replay.headers.set("Authorization", await auth.getAuthorization({ signal: replay.signal }));
      // The replay's answer is final: a second 401 reaches the caller as an error.
      return fetchImpl(replay);
    },
  };
}
