/**
 * The JWT user assertion grant: a backend acts as a named user without an interactive sign-in, against the
 * identity-domain stand-in, which checks who signed the assertion and until when.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOicClient, userAssertion, type OicError, type OicOAuthError } from "../../runtime/src/index.js";
import { createOrder, getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";
import { rsaKey, signedAssertion, type TestKey } from "../support/keys.js";

const ALIAS = "backend";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
let env: TestEnvironment;
let key: TestKey;
beforeAll(async () => {
  key = rsaKey();
  env = await startEnvironment({ certificates: { [ALIAS]: key.publicPem } });
});
afterAll(async () => {
  await env?.close();
});

async function failure(promise: Promise<unknown>): Promise<OicError> {
  return (await promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  )) as OicError;
}

/** A raw jwt-bearer token request, the client authenticated with its secret. */
function grantRequest(assertion: string): Promise<Response> {
  return fetch(`${env.idp.url}/oauth2/v1/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${env.idp.clientId}:${env.idp.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion, scope: env.oic.scope }),
  });
}

describe("user assertion (jwt-bearer) grant", () => {
  test("calls as the named user; a 401 signs a new assertion without anyone present", async () => {
    env.idp.resetCounters();
    // The client authenticates with its secret here; the user assertion is signed by the uploaded certificate's key.
    const auth = userAssertion({
      ...env.domainOptions(),
      user: "bob",
      signingKey: { privateKey: key.pkcs8Pem, kid: ALIAS },
      scope: env.oic.scope,
    });
    const client = createOicClient({ instanceUrl: env.oic.url, auth });
    expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe("bob");
    expect((await getOrder(client, { path: { orderId: "2" } })).calledBy).toBe("bob");
    expect(env.idp.tokenRequests.byGrant).toEqual({ [JWT_BEARER]: 1 });
    env.oic.rejectNext(1);
    expect((await createOrder(client, { body: { a: 1 } })).calledBy).toBe("bob");
    expect(env.idp.tokenRequests.byGrant).toEqual({ [JWT_BEARER]: 2 });
    expect(await auth.status()).toMatchObject({ loggedIn: true, refreshable: false, subject: "bob" });
  });

  test("one key for both assertions: a client authenticated by private_key_jwt signs the user assertion with its clientKey", async () => {
    const { clientSecret: _secret, ...domain } = env.domainOptions();
    const auth = userAssertion({
      ...domain,
      clientKey: { privateKey: key.privateKey, kid: ALIAS },
      user: "alice",
      scope: env.oic.scope,
    });
    expect(
      (await getOrder(createOicClient({ instanceUrl: env.oic.url, auth }), { path: { orderId: "3" } })).calledBy,
    ).toBe("alice");
  });

  test("an assertion signed by another key is refused: OIC_TOKEN_REQUEST_FAILED, invalid_grant", async () => {
    const auth = userAssertion({
      ...env.domainOptions(),
      user: "bob",
      signingKey: { privateKey: rsaKey().pkcs8Pem, kid: ALIAS },
      scope: env.oic.scope,
    });
    const error = (await failure(auth.getAuthorization())) as OicOAuthError;
    expect(error.code).toBe("OIC_TOKEN_REQUEST_FAILED");
    expect(error.oauthError).toBe("invalid_grant");
    expect(error.message).toContain("signature");
  });

  test("the stand-in refuses an expired assertion and one for a user it does not know", async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: env.idp.clientId, aud: "https://identity.oraclecloud.com/", jti: randomUUID() };
    const expired = await grantRequest(
      await signedAssertion(key.privateKey, ALIAS, { ...base, sub: "bob", iat: now - 600, exp: now - 300 }),
    );
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("expired"),
    });
    const stranger = await grantRequest(
      await signedAssertion(key.privateKey, ALIAS, {
        ...base,
        jti: randomUUID(),
        sub: "mallory",
        iat: now,
        exp: now + 60,
      }),
    );
    expect(stranger.status).toBe(400);
    expect(((await stranger.json()) as { error: string }).error).toBe("invalid_grant");
    const good = await grantRequest(
      await signedAssertion(key.privateKey, ALIAS, { ...base, jti: randomUUID(), sub: "bob", iat: now, exp: now + 60 }),
    );
    expect(good.status).toBe(200);
  });

  test("the user is required", () => {
    expect(() =>
      userAssertion({
        ...env.domainOptions(),
        user: "",
        signingKey: { privateKey: key.pkcs8Pem, kid: ALIAS },
        scope: env.oic.scope,
      }),
    ).toThrow(/user/);
  });
});
