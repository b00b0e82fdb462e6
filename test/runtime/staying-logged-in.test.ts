import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authorizationCode,
  createOicClient,
  isOicHttpError,
  memoryTokenStore,
  OicError,
  type TokenStore,
} from "../../runtime/src/node.js";
import { createOrder, getOrder, sleep, startEnvironment, type TestEnvironment } from "../support/environment.js";

let env: TestEnvironment;
beforeAll(async () => {
  env = await startEnvironment({ loopbackPorts: 1 });
});
afterAll(async () => {
  await env?.close();
});

/** A signed-in user (alice by default) with a memory store, tokens living `ttl` seconds. */
async function signedIn(
  options: { ttl?: number; store?: TokenStore; user?: "alice" | "bob"; timeoutMs?: number; refreshAhead?: number } = {},
) {
  env.idp.setTtl({ accessToken: options.ttl ?? 3600 });
  const store = options.store ?? memoryTokenStore();
  const auth = authorizationCode({
    ...env.domainOptions(),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    scope: env.oic.scope,
    redirectUri: env.redirectUris[0]!,
    store,
    refreshAhead: options.refreshAhead,
    openBrowser: env.signInAs(options.user ?? "alice"),
  });
  await auth.login();
  env.idp.setTtl({ accessToken: 3600 });
  env.idp.resetCounters();
  env.oic.reset();
  return { auth, store, client: createOicClient({ instanceUrl: env.oic.url, auth }) };
}

describe("staying logged in", () => {
  test("a valid token is reused without any token request", async () => {
    const { client } = await signedIn();
    for (let i = 0; i < 5; i++)
      expect((await getOrder(client, { path: { orderId: String(i) } })).calledBy).toBe("alice");
    expect(env.idp.tokenRequests.total).toBe(0);
    expect(env.oic.counts.accepted).toBe(5);
  });

  test("an expired access token is refreshed silently with one refresh_token request", async () => {
    const { client, store } = await signedIn({ ttl: 2 });
    const before = await store.load();
    await sleep(2100);
    expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("alice");
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    const after = await store.load();
    // Booleans, so that a failure never prints a token.
    expect(after!.accessToken !== before!.accessToken, "a new access token was stored").toBe(true);
    expect(
      after!.refreshToken !== undefined && after!.refreshToken !== before!.refreshToken,
      "the rotated refresh token was stored",
    ).toBe(true);
    expect(env.oic.counts.rejected).toBe(0);
  });

  test("renewal starts ahead of expiry (refreshAhead)", async () => {
    // expires_in is whole seconds counted by the server, so 4 s may arrive as 3 s: due from 0.5-1.5 s, valid until 3-4 s.
    const { client, auth } = await signedIn({ ttl: 4, refreshAhead: 2500 });
    await sleep(1600);
    expect((await auth.status()).expiresAt!.getTime()).toBeGreaterThan(Date.now() + 1000);
    await getOrder(client, { path: { orderId: "1" } });
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    expect(env.oic.counts.rejected).toBe(0);
  });

  test("500 concurrent calls on an expired token cause exactly one token request", async () => {
    const { client } = await signedIn({ ttl: 1 });
    await sleep(1100);
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => getOrder(client, { path: { orderId: String(i) } })),
    );
    expect(results.every((r) => r.calledBy === "alice")).toBe(true);
    expect(env.idp.tokenRequests.total).toBe(1);
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    expect(env.oic.counts.accepted).toBe(500);
  });

  test("a 401 from OIC triggers one refresh and one replay of the request, body included", async () => {
    const { client } = await signedIn();
    env.oic.rejectNext(1);
    const body = { item: "widget", quantity: 3, note: "replayable" };
    const answer = await createOrder(client, { body });
    expect(answer).toEqual({ received: body, calledBy: "alice" });
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    expect(env.oic.counts).toEqual({ requests: 2, accepted: 1, rejected: 1 });
    expect(env.oic.calls).toEqual([
      { method: "POST", path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders", subject: "alice", body },
    ]);
  });

  test("a bodyless GET rejected with 401 is rebuilt and replayed once", async () => {
    const { client } = await signedIn();
    env.oic.rejectNext(1);
    expect(await getOrder(client, { path: { orderId: "g-1" } })).toEqual({
      orderId: "g-1",
      status: "OPEN",
      calledBy: "alice",
    });
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    expect(env.oic.counts).toEqual({ requests: 2, accepted: 1, rejected: 1 });
  });

  test("a second 401 is returned as an HTTP error after exactly one replay", async () => {
    const { client } = await signedIn();
    env.oic.rejectNext(2);
    const error = await createOrder(client, { body: { item: "x" } }).catch((e: unknown) => e);
    expect(isOicHttpError(error) && error.status).toBe(401);
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    expect(env.oic.counts).toEqual({ requests: 2, accepted: 0, rejected: 2 });
  });

  test("a revoked grant makes the refresh answer invalid_grant: typed login-required error and tokens cleared", async () => {
    const { client, store, auth } = await signedIn({ ttl: 1, user: "bob" });
    expect(await env.idp.revokeUser("bob")).toBeGreaterThan(0);
    await sleep(1100);
    const error = await getOrder(client, { path: { orderId: "1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OicError);
    expect((error as OicError).code).toBe("OIC_LOGIN_REQUIRED");
    expect((error as OicError).name).toBe("OicLoginRequiredError");
    expect(await store.load()).toBeUndefined();
    expect(await auth.status()).toEqual({ loggedIn: false, refreshable: false });
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
  });

  test("an identity domain that refuses connections gives a clear error at once and keeps the stored tokens", async () => {
    const { client, store } = await signedIn({ ttl: 1 });
    const stored = await store.load();
    await sleep(1100);
    await env.idp.down("refuse");
    try {
      const started = Date.now();
      const error = await getOrder(client, { path: { orderId: "1" } }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((error as OicError).code).toBe("OIC_IDENTITY_DOMAIN_UNREACHABLE");
      expect((error as OicError).message).toMatch(
        /could not be reached during the token refresh \((ECONNREFUSED|UND_ERR_SOCKET|ECONNRESET)\); stored tokens are kept/,
      );
      expect(JSON.stringify(await store.load()) === JSON.stringify(stored), "stored tokens kept").toBe(true);
    } finally {
      await env.idp.up();
    }
    // Back up: the kept refresh token still works.
    expect((await getOrder(client, { path: { orderId: "2" } })).calledBy).toBe("alice");
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
  });

  test("an identity domain that never answers fails within the configured bound and keeps the stored tokens", async () => {
    const { client, store } = await signedIn({ ttl: 1, timeoutMs: 1000 });
    const stored = await store.load();
    await sleep(1100);
    await env.idp.down("hang");
    try {
      const started = Date.now();
      const error = await getOrder(client, { path: { orderId: "1" } }).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(3000);
      expect((error as OicError).code).toBe("OIC_IDENTITY_DOMAIN_UNREACHABLE");
      expect((error as OicError).message).toMatch(/timed out/);
      expect(JSON.stringify(await store.load()) === JSON.stringify(stored), "stored tokens kept").toBe(true);
    } finally {
      await env.idp.up();
    }
  });

  test("a token that is due but not expired keeps working while the identity domain is down", async () => {
    const { client, auth } = await signedIn({ ttl: 6, refreshAhead: 4000 });
    await sleep(2100); // due from 1-2 s on, valid until 5-6 s
    expect((await auth.status()).expiresAt!.getTime()).toBeGreaterThan(Date.now() + 2000);
    await env.idp.down("refuse");
    try {
      expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("alice");
      expect(env.oic.counts.rejected).toBe(0);
    } finally {
      await env.idp.up();
    }
  });

  test("a wrong client secret gives a clear invalid-client error that does not contain the secret", async () => {
    const wrongSecret = "wrong-secret-0123456789abcdefghijklmnop";
    const auth = authorizationCode({
      ...env.domainOptions(),
      clientSecret: wrongSecret,
      scope: env.oic.scope,
      redirectUri: env.redirectUris[0]!,
      openBrowser: env.signInAs("alice"),
    });
    const error = (await auth.login().catch((e: unknown) => e)) as OicError;
    expect(error.code).toBe("OIC_INVALID_CLIENT");
    expect(error.message).toMatch(
      /rejected the client id or secret \(invalid_client\).*check clientId and clientSecret/,
    );
    const printed = `${error.message}\n${error.stack}\n${inspect(error, { depth: 10 })}`;
    expect(printed).not.toContain(wrongSecret);
    expect(printed).not.toContain(env.idp.clientSecret);
  });

  test("aborting a call stops its wait without cancelling the shared renewal", async () => {
    const { client } = await signedIn({ ttl: 1 });
    await sleep(1100);
    const controller = new AbortController();
    const aborted = getOrder(client, { path: { orderId: "a" }, signal: controller.signal }).catch((e: unknown) => e);
    const other = getOrder(client, { path: { orderId: "b" } });
    controller.abort();
    const error = await aborted;
    expect((error as OicError).code).toBe("OIC_ABORTED");
    expect((await other).calledBy).toBe("alice");
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
  });
});
