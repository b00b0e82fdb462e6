import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientCredentials, createOicClient, type OicError } from "../../runtime/src/index.js";
import { createOrder, getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";
import { manualClock } from "../support/manual-clock.js";

let env: TestEnvironment;
beforeAll(async () => {
  env = await startEnvironment({ loopbackPorts: 1 });
});
afterAll(async () => {
  await env?.close();
});

function serviceClient(clock?: { now(): number }) {
  const auth = clientCredentials({ ...env.domainOptions(), scope: env.oic.scope, clock });
  return { auth, client: createOicClient({ instanceUrl: env.oic.url, auth }) };
}

describe("client credentials grant (service to service)", () => {
  test("calls OIC as the application, reusing one token", async () => {
    env.idp.resetCounters();
    const { client, auth } = serviceClient();
    for (let i = 0; i < 3; i++)
      expect((await getOrder(client, { path: { orderId: String(i) } })).calledBy).toBe(env.idp.clientId);
    expect(env.idp.tokenRequests.byGrant).toEqual({ client_credentials: 1 });
    expect(await auth.status()).toMatchObject({ loggedIn: true, refreshable: false });
  });

  test("500 concurrent first calls share one token request", async () => {
    env.idp.resetCounters();
    const { client } = serviceClient();
    await Promise.all(Array.from({ length: 500 }, (_, i) => getOrder(client, { path: { orderId: String(i) } })));
    expect(env.idp.tokenRequests.byGrant).toEqual({ client_credentials: 1 });
  });

  test("500 concurrent calls on an expired token cause one token request", async () => {
    // The token expires by the session's clock, moved past its hour instead of waited for.
    const clock = manualClock();
    const { client, auth } = serviceClient(clock);
    await getOrder(client, { path: { orderId: "warm" } });
    env.idp.resetCounters();
    clock.advance((await auth.status()).expiresAt!.getTime() - clock.now());
    await Promise.all(Array.from({ length: 500 }, (_, i) => getOrder(client, { path: { orderId: String(i) } })));
    expect(env.idp.tokenRequests.byGrant).toEqual({ client_credentials: 1 });
  });

  test("a 401 gets a new token and one replay", async () => {
    const { client } = serviceClient();
    await getOrder(client, { path: { orderId: "warm" } });
    env.idp.resetCounters();
    env.oic.reset();
    env.oic.rejectNext(1);
    expect((await createOrder(client, { body: { a: 1 } })).received).toEqual({ a: 1 });
    expect(env.idp.tokenRequests.byGrant).toEqual({ client_credentials: 1 });
    expect(env.oic.counts).toEqual({ requests: 2, accepted: 1, rejected: 1 });
  });

  test("a wrong secret is a clear invalid-client error", async () => {
    const auth = clientCredentials({
      ...env.domainOptions(),
      clientSecret: "not-the-secret-0123456789abcdefghij",
      scope: env.oic.scope,
    });
    const error = (await auth.getAuthorization().catch((e: unknown) => e)) as OicError;
    expect(error.code).toBe("OIC_INVALID_CLIENT");
    expect(error.message).not.toContain("not-the-secret");
  });
});
