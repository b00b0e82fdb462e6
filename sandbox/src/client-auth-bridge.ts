/**
 * Identity domains let one application authenticate with its secret or with a signed assertion, and take
 * the device request with no client authentication at all. oidc-provider registers one method per client,
 * so this middleware checks what the stand-in accepts besides the secret and then hands oidc-provider the
 * request as if the secret had been sent: a verified client assertion (see {@link AssertionChecker}) or a
 * device request naming our client. A refused assertion is answered `invalid_client` here.
 */
import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import { readBody } from "./http-util.js";
import { AssertionRefused, type AssertionChecker } from "./client-assertions.js";

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

interface KoaContext {
  method: string;
  path: string;
  req: IncomingMessage;
  request: { req: IncomingMessage };
  status: number;
  type: string;
  body: unknown;
  get(header: string): string;
}

export interface BridgeOptions {
  clientId: string;
  clientSecret: string;
  checker: AssertionChecker;
  tokenPath: string;
  devicePath: string;
  /** Values seen in requests that must never appear in any output (assertions, device codes). */
  secrets: Set<string>;
  /** How many device-code polls to answer `slow_down` before answering normally (a test lever). */
  slowDown: { polls: number };
  /** Seconds between polls to ask for in the device response; absent (as identity domains answer) by default. */
  deviceInterval?: number;
}

export function clientAuthBridge(options: BridgeOptions) {
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString("base64")}`;
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    const isDevice = ctx.path === options.devicePath;
    if (
      ctx.method !== "POST" ||
      (ctx.path !== options.tokenPath && !isDevice) ||
      !ctx.get("content-type").startsWith("application/x-www-form-urlencoded")
    )
      return next();
    const form = new URLSearchParams((await readBody(ctx.req)).toString("utf8"));
    for (const key of ["client_assertion", "assertion", "device_code"]) {
      const value = form.get(key);
      if (value) options.secrets.add(value);
    }
    const headers: Record<string, string> = {};
    const assertion = form.get("client_assertion");
    if (assertion !== null || form.has("client_assertion_type")) {
      if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE || !assertion)
        return refuse(ctx, "invalid_client", `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
      if (ctx.get("authorization"))
        return refuse(ctx, "invalid_request", "client authentication must only be provided using one mechanism");
      try {
        await options.checker.verify(
          assertion,
          (sub) => sub === options.clientId && (form.get("client_id") ?? sub) === sub,
        );
      } catch (error) {
        if (error instanceof AssertionRefused) return refuse(ctx, "invalid_client", error.message);
        throw error;
      }
      form.delete("client_assertion");
      form.delete("client_assertion_type");
      headers.authorization = basic;
    } else if (isDevice && !ctx.get("authorization") && form.get("client_id") === options.clientId) {
      headers.authorization = basic;
    }
    if (isDevice && form.get("scope")?.split(" ").includes("offline_access") && !form.has("prompt"))
      form.set("prompt", "consent");
    if (!isDevice && form.get("grant_type") === DEVICE_GRANT && options.slowDown.polls > 0) {
      options.slowDown.polls -= 1;
      return refuse(ctx, "slow_down", "you are polling too quickly", 400);
    }
    replaceRequest(ctx, form.toString(), headers);
    await next();
    // Identity domains answer the device request without `interval` or `verification_uri_complete`
    // (a test may ask for an `interval`, so that polling does not wait RFC 8628's default 5 s).
    if (isDevice && ctx.status === 200 && typeof ctx.body === "object" && ctx.body !== null) {
      const {
        interval: _interval,
        verification_uri_complete: _complete,
        ...rest
      } = ctx.body as Record<string, unknown>;
      ctx.body = options.deviceInterval === undefined ? rest : { ...rest, interval: options.deviceInterval };
    }
  };
}

function refuse(ctx: KoaContext, error: string, description: string, status = 401): void {
  ctx.status = status;
  ctx.type = "json";
  ctx.body = { error, error_description: description };
}

/** oidc-provider reads the body from `ctx.req`: give it a fresh stream with the rewritten form. */
function replaceRequest(ctx: KoaContext, body: string, headers: Record<string, string>): void {
  const original = ctx.req;
  const replay = new PassThrough();
  replay.end(body);
  Object.assign(replay, {
    headers: { ...original.headers, ...headers, "content-length": String(Buffer.byteLength(body)) },
    method: original.method,
    url: original.url,
    httpVersion: original.httpVersion,
    socket: original.socket,
  });
  ctx.req = replay as unknown as IncomingMessage;
  ctx.request.req = ctx.req;
}
