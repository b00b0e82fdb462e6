import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authorizationCode, createOicClient, memoryTokenStore, type OicError } from "../../runtime/src/node.js";
import { getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";

let env: TestEnvironment;
beforeAll(async () => {
  env = await startEnvironment({ loopbackPorts: 1 });
});
afterAll(async () => {
  await env?.close();
});

function loopbackAuth(openBrowser: (url: URL) => Promise<void> | void, extra: { loginTimeoutMs?: number } = {}) {
  return authorizationCode({
    ...env.domainOptions(),
    scope: env.oic.scope,
    redirectUri: env.redirectUris[0]!,
    store: memoryTokenStore(),
    openBrowser,
    ...extra,
  });
}

/** True when nothing listens on the redirect port any more. */
async function portIsFree(): Promise<boolean> {
  const port = Number(new URL(env.redirectUris[0]!).port);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("loopback login (RFC 8252)", () => {
  test("first call signs the user in through the browser, then calls OIC; the tab is told it can be closed", async () => {
    env.idp.resetCounters();
    const seen: { pageText?: string } = {};
    const auth = loopbackAuth(env.signInAs("alice", seen));
    const client = createOicClient({ instanceUrl: env.oic.url, auth });
    expect(await getOrder(client, { path: { orderId: "7" } })).toEqual({
      orderId: "7",
      status: "OPEN",
      calledBy: "alice",
    });
    expect(seen.pageText).toMatch(/You are signed in\. You can close this tab/);
    expect(env.idp.tokenRequests.byGrant).toEqual({ authorization_code: 1 });
    expect(await auth.status()).toMatchObject({ loggedIn: true, refreshable: true });
    expect(await portIsFree()).toBe(true);
  });

  test("a callback with the wrong state is rejected and does not end the login; only the right one is accepted", async () => {
    env.idp.resetCounters();
    const answers: Array<[string, number, string]> = [];
    const auth = loopbackAuth(async (url) => {
      const callback = new URL(env.redirectUris[0]!);
      const forged = new URL(callback);
      forged.search = "?code=forged-code&state=not-the-state";
      const missing = new URL(callback);
      missing.search = "?code=forged-code";
      const otherPath = new URL(`/elsewhere?code=x&state=${url.searchParams.get("state")}`, callback);
      for (const [name, target] of [
        ["forged", forged],
        ["missing", missing],
        ["other path", otherPath],
      ] as const) {
        const res = await fetch(target);
        answers.push([name, res.status, await res.text()]);
      }
      await env.signInAs("bob")(url);
    });
    await auth.login();
    expect(answers.map(([name, status]) => [name, status])).toEqual([
      ["forged", 400],
      ["missing", 400],
      ["other path", 404],
    ]);
    expect(answers[0]![2]).toMatch(/does not belong to the sign-in in progress/);
    // The forged code was never exchanged: one code exchange, for bob's real code.
    expect(env.idp.tokenRequests.byGrant).toEqual({ authorization_code: 1 });
    const client = createOicClient({ instanceUrl: env.oic.url, auth });
    expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("bob");
  });

  test("an error from the identity domain with the right state fails the login and closes the listener", async () => {
    const auth = loopbackAuth(async (url) => {
      const callback = new URL(env.redirectUris[0]!);
      callback.search = `?error=access_denied&error_description=user+cancelled&state=${url.searchParams.get("state")}`;
      const res = await fetch(callback);
      expect(await res.text()).toMatch(/Sign-in failed/);
    });
    await expect(auth.login()).rejects.toMatchObject({
      code: "OIC_LOGIN_FAILED",
      message: expect.stringMatching(/access_denied/),
    });
    expect(await portIsFree()).toBe(true);
  });

  test("nobody signing in times out with OIC_LOGIN_TIMEOUT and frees the port", async () => {
    const auth = loopbackAuth(() => undefined, { loginTimeoutMs: 300 });
    const error = (await auth.login().catch((e: unknown) => e)) as OicError;
    expect(error.code).toBe("OIC_LOGIN_TIMEOUT");
    expect(await portIsFree()).toBe(true);
  });

  test("a login can be aborted, and the port is freed", async () => {
    const controller = new AbortController();
    const auth = loopbackAuth(() => {
      setTimeout(() => controller.abort(), 50);
    });
    const error = (await auth.login({ signal: controller.signal }).catch((e: unknown) => e)) as OicError;
    expect(error.code).toBe("OIC_ABORTED");
    expect(await portIsFree()).toBe(true);
  });

  test("a redirect port already in use gives a clear error", async () => {
    const port = Number(new URL(env.redirectUris[0]!).port);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const auth = loopbackAuth(() => undefined);
      await expect(auth.login()).rejects.toMatchObject({
        code: "OIC_LOGIN_FAILED",
        message: expect.stringMatching(/127\.0\.0\.1:\d+ is already in use/),
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  test("logout revokes the refresh token at the identity domain and forgets the tokens", async () => {
    const store = memoryTokenStore();
    const auth = authorizationCode({
      ...env.domainOptions(),
      scope: env.oic.scope,
      redirectUri: env.redirectUris[0]!,
      store,
      openBrowser: env.signInAs("alice"),
    });
    await auth.login();
    const refreshToken = (await store.load())!.refreshToken!;
    expect(await auth.logout()).toEqual({ revoked: true });
    expect(await store.load()).toBeUndefined();
    expect(await auth.status()).toEqual({ loggedIn: false, refreshable: false });
    // The revoked refresh token is refused by the identity domain.
    const res = await fetch(`${env.idp.url}/oauth2/v1/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${env.idp.clientId}:${env.idp.clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_grant");
  });
});
