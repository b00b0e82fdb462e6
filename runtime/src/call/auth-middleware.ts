import type { Middleware } from "openapi-fetch";
import type { OicAuth } from "../auth/types.js";
import { OIC_CONFIGURATION } from "../error-codes.js";
import { OicError } from "../errors.js";

/**
 * Adds the Authorization header, and on a 401 asks the auth mode to renew and replays the request once.
 * The header is only ever added to requests for the client's instance (`instanceUrl`, origin and optional
 * prefix): anything else fails before a token is read. Redirects follow fetch's rules, which drop
 * `Authorization` when they leave the origin.
 *
 * A request with a body keeps a copy (`clone()`) before it is sent, since the body is consumed by then; a
 * bodyless request is rebuilt from itself, which keeps the hot path free of copies. A streamed body is not
 * copied (a copy would hold the whole stream in memory): a 401 to it is final.
 */
export function authMiddleware(auth: OicAuth, instanceUrl: string, fetchImpl: typeof globalThis.fetch): Middleware {
  const copies = new WeakMap<Request, Request>();
  return {
    async onRequest({ request, schemaPath, options }) {
      // The URL is the base plus the path with each parameter encoded into one segment, so a request for the
      // instance's base and a path from its root stays on the instance. (Comparing strings, not re-reading
      // request.url, keeps this off the hot path's cost.)
      if (options.baseUrl !== instanceUrl || !schemaPath.startsWith("/") || schemaPath.startsWith("//")) {
        throw new OicError(OIC_CONFIGURATION, `refusing to send the token outside the client's instance (${new URL(instanceUrl).origin})`);
      }
      request.headers.set("Authorization", await auth.getAuthorization({ signal: request.signal }));
      if (request.body !== null && auth.handleUnauthorized && !isStreamed(request)) {
        copies.set(request, request.clone());
      }
      return request;
    },
    async onResponse({ request, response }) {
      const copy = copies.get(request);
      if (copy) copies.delete(request);
      if (response.status !== 401 || !auth.handleUnauthorized || (request.body !== null && !copy)) return undefined;
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

/**
 * invoke passes `oicStreamedBody: true` in the request init for stream bodies; openapi-fetch copies init
 * members that Request does not know onto the request object.
 */
function isStreamed(request: Request): boolean {
  return (request as Request & { oicStreamedBody?: boolean }).oicStreamedBody === true;
}
