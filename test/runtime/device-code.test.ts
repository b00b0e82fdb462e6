/**
 * The device code grant against the identity-domain stand-in: the code is entered in headless Chromium as
 * on another device, the runtime polls the real token endpoint, and calls reach a jose-verifying stand-in.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createOicClient,
  deviceCode,
  memoryTokenStore,
  type DeviceCodePrompt,
  type OicError,
} from "../../runtime/src/index.js";
import { enterDeviceCode } from "../support/browser.js";
import { getOrder, sleep, startEnvironment, type TestEnvironment } from "../support/environment.js";

let env: TestEnvironment;
beforeAll(async () => {
  env = await startEnvironment();
});
afterAll(async () => {
  await env?.close();
});

/** A `showCode` that has `user` enter the code in Chromium, in the background like a person would. */
function userEnters(user: "alice" | "bob", shown: DeviceCodePrompt[] = [], options: { deny?: boolean } = {}) {
  return (prompt: DeviceCodePrompt) => {
    shown.push(prompt);
    void enterDeviceCode(env.browser, prompt, user, env.idp.users[user]!, options).catch(() => undefined);
  };
}

/** A clock whose sleeps are recorded and cost `realMs` of real time; its `now` advances by what was asked. */
function recordingClock(realMs: number) {
  let now = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms: number) {
      sleeps.push(ms);
      now += ms;
      await sleep(realMs);
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<OicError> {
  return (await promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  )) as OicError;
}

describe("device code grant", () => {
  test("signs a user in with a code entered elsewhere, then refreshes and rotates like any login", async () => {
    env.idp.resetCounters();
    const shown: DeviceCodePrompt[] = [];
    const store = memoryTokenStore();
    const auth = deviceCode({
      ...env.domainOptions(),
      scope: env.oic.scope,
      store,
      pollIntervalMs: 200,
      showCode: userEnters("alice", shown),
    });
    const client = createOicClient({ instanceUrl: env.oic.url, auth });
    expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("alice");
    expect(shown).toHaveLength(1);
    expect(shown[0]!.verificationUri).toBe(`${env.idp.url}/ui/v1/device`);
    expect(shown[0]!.userCode).toMatch(/^[A-Z]{4}-?[A-Z]{4}$/);
    expect(shown[0]!).not.toHaveProperty("verificationUriComplete");
    expect(env.idp.tokenRequests.byGrant["urn:ietf:params:oauth:grant-type:device_code"]).toBeGreaterThanOrEqual(1);
    expect(await auth.status()).toMatchObject({ loggedIn: true, refreshable: true, subject: "alice" });

    // Renewal is the session's: a refresh with rotation, never a new device code.
    const before = await store.load();
    env.idp.resetCounters();
    const later = deviceCode({
      ...env.domainOptions(),
      scope: env.oic.scope,
      store,
      showCode: false,
      refreshAhead: () => Number.MAX_SAFE_INTEGER,
    });
    expect(
      (await getOrder(createOicClient({ instanceUrl: env.oic.url, auth: later }), { path: { orderId: "2" } })).calledBy,
    ).toBe("alice");
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
    const after = await store.load();
    expect(after!.refreshToken).toBeTruthy();
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(await later.logout()).toEqual({ revoked: true });
    expect((await auth.status()).loggedIn).toBe(false);
  });

  test("polls every 5 s when the domain names no interval, 5 s slower after slow_down", async () => {
    env.idp.setTtl({ deviceCode: 3600 });
    env.idp.slowDownDevicePolls(1);
    const clock = recordingClock(150);
    try {
      const auth = deviceCode({ ...env.domainOptions(), scope: env.oic.scope, clock, showCode: userEnters("bob") });
      await auth.login();
      expect(await auth.status()).toMatchObject({ loggedIn: true, subject: "bob" });
    } finally {
      env.idp.setTtl({ deviceCode: 300 });
      env.idp.slowDownDevicePolls(0);
    }
    expect(clock.sleeps[0]).toBe(5000);
    expect(clock.sleeps.slice(1).every((ms) => ms === 10_000)).toBe(true);
    expect(clock.sleeps.length).toBeGreaterThan(1);
  });

  test("a denied code is OIC_LOGIN_DENIED", async () => {
    const auth = deviceCode({
      ...env.domainOptions(),
      scope: env.oic.scope,
      pollIntervalMs: 200,
      showCode: userEnters("alice", [], { deny: true }),
    });
    const error = await failure(auth.login());
    expect(error.code).toBe("OIC_LOGIN_DENIED");
    expect(error.message).toContain("denied");
  });

  test("a code nobody enters is OIC_LOGIN_TIMEOUT at its expiry, and the message names the code to enter", async () => {
    const clock = recordingClock(0);
    const shown: DeviceCodePrompt[] = [];
    const auth = deviceCode({
      ...env.domainOptions(),
      scope: env.oic.scope,
      clock,
      showCode: (prompt) => void shown.push(prompt),
    });
    const error = await failure(auth.login());
    expect(error.code).toBe("OIC_LOGIN_TIMEOUT");
    expect(error.message).toContain(shown[0]!.userCode);
    // 300 s at 5 s per poll: the clock decided, not the wall.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300_000);
    expect(clock.sleeps.length).toBeGreaterThan(50);
  });

  test("an expired code at the domain is OIC_LOGIN_TIMEOUT too", async () => {
    env.idp.setTtl({ deviceCode: 1 });
    try {
      const auth = deviceCode({
        ...env.domainOptions(),
        scope: env.oic.scope,
        pollIntervalMs: 400,
        loginTimeoutMs: 60_000,
        clock: { now: () => 0, sleep: (ms) => sleep(ms) },
        showCode: () => undefined,
      });
      expect((await failure(auth.login())).code).toBe("OIC_LOGIN_TIMEOUT");
    } finally {
      env.idp.setTtl({ deviceCode: 300 });
    }
  });

  test("aborting stops the polling with OIC_ABORTED", async () => {
    const controller = new AbortController();
    const auth = deviceCode({
      ...env.domainOptions(),
      scope: env.oic.scope,
      pollIntervalMs: 100,
      showCode: () => void setTimeout(() => controller.abort(), 250),
    });
    expect((await failure(auth.login({ signal: controller.signal }))).code).toBe("OIC_ABORTED");
  });

  test("no device code or token appears in what the runtime says", async () => {
    const messages: string[] = [];
    for (const deny of [true, false]) {
      const auth = deviceCode({
        ...env.domainOptions(),
        scope: env.oic.scope,
        pollIntervalMs: 200,
        showCode: userEnters("bob", [], { deny }),
      });
      await auth.login().catch((error: Error) => messages.push(error.message));
      messages.push(JSON.stringify(await auth.status()));
    }
    expect(messages.length).toBeGreaterThan(1);
    for (const secret of env.idp.issuedSecrets) for (const message of messages) expect(message).not.toContain(secret);
  });
});
