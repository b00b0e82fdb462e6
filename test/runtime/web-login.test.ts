/**
 * startWebLogin / finishWebLogin against the identity-domain stand-in. The example web app that uses them
 * (examples/web-app: two Chromium users, per-user sessions, a forged callback refused) is tested end to end
 * against the sandbox in test/workflow/examples.test.ts.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createOicClient,
  authorizationCode,
  finishWebLogin,
  identityDomain,
  memoryTokenStore,
  type OicError,
  startWebLogin,
  type IdentityDomain,
} from "../../runtime/src/node.js";
import { fillSignIn } from "../support/browser.js";
import { freePort, getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";

let env: TestEnvironment;
let captureRedirect = "";
let capture: Server;
let lastCapture = "";
let domain: IdentityDomain;

beforeAll(async () => {
  const capturePort = await freePort();
  // A bare callback endpoint that only records the URL, so the test holds the callback itself.
  captureRedirect = `http://127.0.0.1:${capturePort}/cb`;
  capture = createServer((req, res) => {
    const url = new URL(req.url ?? "/", captureRedirect);
    if (url.pathname === "/cb") lastCapture = url.href; // not /favicon.ico
    res.writeHead(200, { "Content-Type": "text/plain" }).end("captured");
  });
  await new Promise<void>((resolve) => capture.listen(capturePort, "127.0.0.1", resolve));
  env = await startEnvironment({ loopbackPorts: 0, extraRedirectUris: [captureRedirect] });
  domain = identityDomain({ ...env.domainOptions() });
});
afterAll(async () => {
  if (capture) {
    const closed = new Promise<void>((resolve) => capture.close(() => resolve()));
    capture.closeAllConnections();
    await closed;
  }
  await env?.close();
});

/** Signs in at the identity domain in a fresh context and resolves the callback URL the browser was sent to. */
async function callbackFor(url: URL, user: "alice" | "bob"): Promise<string> {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    lastCapture = "";
    await page.goto(url.href);
    await fillSignIn(page, user, env.idp.users[user]!, (u) => u.href.startsWith(captureRedirect));
    return lastCapture;
  } finally {
    await context.close();
  }
}

describe("web-app login", () => {
  test("finishWebLogin rejects a state mismatch, accepts the right callback once, and a replayed code fails", async () => {
    env.idp.resetCounters();
    const first = await startWebLogin({ domain, scope: env.oic.scope, redirectUri: captureRedirect });
    const other = await startWebLogin({ domain, scope: env.oic.scope, redirectUri: captureRedirect });
    const callback = await callbackFor(first.url, "alice");
    expect(new URL(callback).searchParams.get("state") === first.pending.state).toBe(true);

    const mismatch = (await finishWebLogin({ domain, callback, pending: other.pending }).catch(
      (e: unknown) => e,
    )) as OicError;
    expect(mismatch.code).toBe("OIC_STATE_MISMATCH");
    expect(env.idp.tokenRequests.total).toBe(0);

    // Framework-agnostic: a Web Request works as the callback.
    const store = memoryTokenStore();
    const { tokens } = await finishWebLogin({ domain, callback: new Request(callback), pending: first.pending, store });
    expect(tokens.refreshToken).toBeDefined();
    const client = createOicClient({
      instanceUrl: env.oic.url,
      auth: authorizationCode({ domain, scope: env.oic.scope, redirectUri: captureRedirect, store, login: "none" }),
    });
    expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("alice");

    const replay = (await finishWebLogin({ domain, callback, pending: first.pending }).catch(
      (e: unknown) => e,
    )) as OicError;
    expect(replay.code).toBe("OIC_LOGIN_FAILED");
    expect(replay.message).toMatch(/invalid_grant/);
    expect(env.idp.tokenRequests.byGrant).toEqual({ authorization_code: 2 });
  });

  test("a user with no tokens gets a login-required error, not a browser", async () => {
    const auth = authorizationCode({ domain, scope: env.oic.scope, redirectUri: captureRedirect, login: "none" });
    const client = createOicClient({ instanceUrl: env.oic.url, auth });
    await expect(getOrder(client, { path: { orderId: "1" } })).rejects.toMatchObject({ code: "OIC_LOGIN_REQUIRED" });
  });
});
