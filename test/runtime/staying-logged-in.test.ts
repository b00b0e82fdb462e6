import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authorizationCode,
  createOicClient,
  type IdentityDomain,
  identityDomain,
  isOicHttpError,
  memoryTokenStore,
  OicError,
  type TokenStore,
} from "../../runtime/src/node.js";
import { createOrder, getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";
import { manualClock } from "../support/manual-clock.js";

// Time, as the sessions see it, is this clock: a token "expires" when the test moves the clock past its expiry,
// not after a real wait. The tokens stay valid in real time, so the integration stand-in (which verifies them
// with jose on the real clock) keeps accepting them: what is tested is when the client renews, and how.
const clock = manualClock();
const HOUR = 3600_000;

let env: TestEnvironment;
/** One identity domain shared by the sessions, as an app shares it: discovered once, at the sign-in. */
let domain: IdentityDomain;
/** Alice's tokens: signed in once, in Chromium; every test's session renews (and rotates) them in turn. */
const alice = memoryTokenStore();
beforeAll(async () => {
  env = await startEnvironment({ loopbackPorts: 1 });
  domain = identityDomain(env.domainOptions());
  await auth({ store: alice }).login();
  const stored = await alice.load();
  // The tests below move the clock by an hour to expire a token: that only means something for 1-hour tokens.
  expect(stored!.expiresAt! - stored!.receivedAt).toBeGreaterThan(HOUR - 2000);
  expect(stored!.expiresAt! - stored!.receivedAt).toBeLessThanOrEqual(HOUR);
});
afterAll(async () => {
  await env?.close();
});

function auth(options: { store: TokenStore; user?: "alice" | "bob"; domain?: IdentityDomain; refreshAhead?: number }) {
  return authorizationCode({
    domain: options.domain ?? domain,
    scope: env.oic.scope,
    redirectUri: env.redirectUris[0]!,
    store: options.store,
    refreshAhead: options.refreshAhead,
    clock,
    openBrowser: env.signInAs(options.user ?? "alice"),
  });
}

/**
 * A fresh session (nothing in its memory) over alice's stored tokens, at least half an hour from expiry whatever
 * the tests before did to the clock, with the counters of both servers at zero.
 */
async function signedIn(options: { domain?: IdentityDomain; refreshAhead?: number; store?: TokenStore } = {}) {
  if (!options.store) await auth({ store: alice, refreshAhead: HOUR / 2 }).getAuthorization();
  const session = auth({ store: alice, ...options });
  env.idp.resetCounters();
  env.oic.reset();
  return {
    auth: session,
    store: options.store ?? alice,
    client: createOicClient({ instanceUrl: env.oic.url, auth: session }),
  };
}

/** Moves the clock to `at` (epoch ms of the session clock). */
function moveTo(at: number): void {
  clock.advance(at - clock.now());
}

/** Moves the clock to the stored access token's expiry: it is expired from then on. */
async function expire(store: TokenStore = alice): Promise<void> {
  moveTo((await store.load())!.expiresAt!);
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
    const { client, store } = await signedIn();
    const before = await store.load();
    await expire();
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
    const { client, auth } = await signedIn({ refreshAhead: 600_000 });
    const { expiresAt } = (await alice.load())!;
    moveTo(expiresAt! - 600_000 - 1);
    await getOrder(client, { path: { orderId: "0" } });
    expect(env.idp.tokenRequests.total, "not due yet: no token request").toBe(0);
    clock.advance(1);
    expect((await auth.status()).expiresAt!.getTime()).toBeGreaterThan(clock.now());
    await getOrder(client, { path: { orderId: "1" } });
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    expect(env.oic.counts.rejected).toBe(0);
  });

  test("500 concurrent calls on an expired token cause exactly one token request", async () => {
    const { client } = await signedIn();
    await expire();
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
    // Bob signs in for this test alone: his grant is revoked, and no other test could use it after.
    const store = memoryTokenStore();
    await auth({ store, user: "bob" }).login();
    const { client, auth: session } = await signedIn({ store });
    expect(await env.idp.revokeUser("bob")).toBeGreaterThan(0);
    await expire(store);
    const error = await getOrder(client, { path: { orderId: "1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OicError);
    expect((error as OicError).code).toBe("OIC_LOGIN_REQUIRED");
    expect((error as OicError).name).toBe("OicLoginRequiredError");
    expect(await store.load()).toBeUndefined();
    expect(await session.status()).toEqual({ loggedIn: false, refreshable: false });
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
  });

  test("an identity domain that refuses connections gives a clear error at once and keeps the stored tokens", async () => {
    const { client, store } = await signedIn();
    const stored = await store.load();
    await expire();
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
    // Its own domain object with a 1 s bound, discovered (by one refresh) before the domain stops answering.
    const bounded = identityDomain({ ...env.domainOptions(), timeoutMs: 1000 });
    const { client, store } = await signedIn({ domain: bounded });
    await expire();
    await getOrder(client, { path: { orderId: "0" } });
    const stored = await store.load();
    await expire();
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
    const { client, auth } = await signedIn({ refreshAhead: 600_000 });
    const { expiresAt, accessToken } = (await alice.load())!;
    moveTo(expiresAt! - 300_000); // due for 5 minutes, valid for 5 more
    expect((await auth.status()).expiresAt!.getTime()).toBeGreaterThan(clock.now());
    await env.idp.down("refuse");
    try {
      expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("alice");
      expect(env.oic.counts.rejected).toBe(0);
      expect(env.oic.counts.accepted).toBe(1);
      expect((await alice.load())!.accessToken === accessToken, "the due token was kept and used").toBe(true);
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
    const { client } = await signedIn();
    await expire();
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
