import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOicClient, authorizationCode, finishWebLogin, identityDomain, memoryTokenStore, OicError, startWebLogin, type IdentityDomain } from "../../runtime/src/index.js";
import { fillSignIn } from "../support/browser.js";
import { freePort, getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";
// The example imports "@oic-gen/runtime", i.e. the built runtime/dist.
import { createWebLoginApp } from "../../examples/web-login/app.mjs";

let env: TestEnvironment;
let appUrl = "";
let app: Server;
let captureRedirect = "";
let capture: Server;
let lastCapture = "";
let domain: IdentityDomain;

beforeAll(async () => {
  const [appPort, capturePort] = await Promise.all([freePort(), freePort()]);
  appUrl = `http://127.0.0.1:${appPort}`;
  // A bare callback endpoint that only records the URL, so the test holds the callback itself.
  captureRedirect = `http://127.0.0.1:${capturePort}/cb`;
  capture = createServer((req, res) => {
    const url = new URL(req.url ?? "/", captureRedirect);
    if (url.pathname === "/cb") lastCapture = url.href; // not /favicon.ico
    res.writeHead(200, { "Content-Type": "text/plain" }).end("captured");
  });
  await new Promise<void>((resolve) => capture.listen(capturePort, "127.0.0.1", resolve));
  env = await startEnvironment({ loopbackPorts: 0, extraRedirectUris: [`${appUrl}/callback`, captureRedirect] });
  domain = identityDomain({ ...env.domainOptions() });
  app = createWebLoginApp({ domain, instanceUrl: env.oic.url, publicUrl: appUrl });
  await new Promise<void>((resolve) => app.listen(appPort, "127.0.0.1", resolve));
  expect((app.address() as AddressInfo).port).toBe(appPort);
});
afterAll(async () => {
  for (const server of [app, capture]) {
    if (!server) continue;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
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
  test("the example app signs two users in, in two browsers, and calls the integration as each of them", async () => {
    env.oic.reset();
    const contexts = await Promise.all([env.browser.newContext(), env.browser.newContext()]);
    try {
      const users = ["alice", "bob"] as const;
      const pages = await Promise.all(
        users.map(async (user, i) => {
          const page = await contexts[i]!.newPage();
          // Not signed in: the order page sends the user through /login to the identity domain.
          await page.goto(`${appUrl}/orders/42`);
          expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
          await fillSignIn(page, user, env.idp.users[user]!, (u) => u.href === `${appUrl}/orders/42`);
          return page;
        }),
      );
      for (const [i, user] of users.entries()) {
        expect(await pages[i]!.locator("#user").innerText()).toBe(user);
        expect(JSON.parse(await pages[i]!.locator("#order").innerText())).toEqual({ orderId: "42", status: "OPEN", calledBy: user });
      }
      // Each session keeps its own tokens: a reload calls again as the same user without a new login.
      await pages[1]!.reload();
      expect(JSON.parse(await pages[1]!.locator("#order").innerText()).calledBy).toBe("bob");
      expect(env.oic.calls.map((c) => c.subject).sort()).toEqual(["alice", "bob", "bob"]);
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });

  test("the example app rejects a callback whose state is not the session's", async () => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${appUrl}/login`);
      const response = await page.goto(`${appUrl}/callback?code=forged&state=forged`);
      expect(response?.status()).toBe(400);
      expect(await page.locator("#error-code").innerText()).toBe("OIC_STATE_MISMATCH");
    } finally {
      await context.close();
    }
  });

  test("finishWebLogin rejects a state mismatch, accepts the right callback once, and a replayed code fails", async () => {
    env.idp.resetCounters();
    const first = await startWebLogin({ domain, scope: env.oic.scope, redirectUri: captureRedirect });
    const other = await startWebLogin({ domain, scope: env.oic.scope, redirectUri: captureRedirect });
    const callback = await callbackFor(first.url, "alice");
    expect(new URL(callback).searchParams.get("state") === first.pending.state).toBe(true);

    const mismatch = (await finishWebLogin({ domain, callback, pending: other.pending }).catch((e: unknown) => e)) as OicError;
    expect(mismatch.code).toBe("OIC_STATE_MISMATCH");
    expect(env.idp.tokenRequests.total).toBe(0);

    // Framework-agnostic: a Web Request works as the callback.
    const store = memoryTokenStore();
    const { tokens } = await finishWebLogin({ domain, callback: new Request(callback), pending: first.pending, store });
    expect(tokens.refreshToken).toBeDefined();
    const client = createOicClient({ instanceUrl: env.oic.url, auth: authorizationCode({ domain, scope: env.oic.scope, redirectUri: captureRedirect, store, login: "none" }) });
    expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("alice");

    const replay = (await finishWebLogin({ domain, callback, pending: first.pending }).catch((e: unknown) => e)) as OicError;
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
