/**
 * `private_key_jwt`: the application authenticates with an assertion signed by its key instead of a secret,
 * for every grant, against the identity-domain stand-in (which checks signature, audience, expiry and replay).
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  clientCredentials,
  createOicClient,
  deviceCode,
  memoryTokenStore,
  readPrivateKey,
  type ClientKeyOptions,
  type OicError,
} from "../../runtime/src/node.js";
import { enterDeviceCode } from "../support/browser.js";
import { getOrder, startEnvironment, type TestEnvironment } from "../support/environment.js";
import { rsaKey, signedAssertion, type TestKey } from "../support/keys.js";

const ALIAS = "oic-gen-test";
let env: TestEnvironment;
let key: TestKey;
beforeAll(async () => {
  key = rsaKey();
  env = await startEnvironment({ certificates: { [ALIAS]: key.publicPem } });
});
afterAll(async () => {
  await env?.close();
});

/** The environment's domain options with the key instead of the secret. */
function keyed(clientKey: Partial<ClientKeyOptions> = {}) {
  const { clientSecret: _secret, ...rest } = env.domainOptions();
  return { ...rest, clientKey: { privateKey: key.pkcs8Pem, kid: ALIAS, ...clientKey } };
}

async function failure(promise: Promise<unknown>): Promise<OicError> {
  return (await promise.then(
    () => expect.fail("expected a failure"),
    (error: unknown) => error,
  )) as OicError;
}

/** A raw client credentials request carrying `assertion` as the client's authentication. */
function tokenRequest(assertion: string): Promise<Response> {
  return fetch(`${env.idp.url}/oauth2/v1/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      scope: env.oic.scope,
      client_id: env.idp.clientId,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    }),
  });
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: env.idp.clientId,
    sub: env.idp.clientId,
    aud: "https://identity.oraclecloud.com/",
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...overrides,
  };
}

describe("private_key_jwt client authentication", () => {
  test("client credentials with a PKCS #8 PEM, a PKCS #1 PEM, a KeyObject and a CryptoKey read from a file", async () => {
    const file = join(await env.tempDir(), "key.pem");
    writeFileSync(file, key.pkcs1Pem, { mode: 0o600 });
    for (const privateKey of [key.pkcs8Pem, key.pkcs1Pem, key.privateKey, await readPrivateKey(file)]) {
      env.idp.resetCounters();
      const client = createOicClient({
        instanceUrl: env.oic.url,
        auth: clientCredentials({ ...keyed({ privateKey }), scope: env.oic.scope }),
      });
      expect((await getOrder(client, { path: { orderId: "1" } })).calledBy).toBe(env.idp.clientId);
      expect(env.idp.tokenRequests.byGrant).toEqual({ client_credentials: 1 });
    }
  });

  test("a user grant (device code) signs in and refreshes with the key, never a secret", async () => {
    const store = memoryTokenStore();
    const auth = deviceCode({
      ...keyed(),
      scope: env.oic.scope,
      store,
      pollIntervalMs: 200,
      showCode: (prompt) =>
        void enterDeviceCode(env.browser, prompt, "alice", env.idp.users.alice!).catch(() => undefined),
    });
    await auth.login();
    env.idp.resetCounters();
    const refreshing = deviceCode({
      ...keyed(),
      scope: env.oic.scope,
      store,
      showCode: false,
      refreshAhead: () => Number.MAX_SAFE_INTEGER,
    });
    expect(
      (await getOrder(createOicClient({ instanceUrl: env.oic.url, auth: refreshing }), { path: { orderId: "2" } }))
        .calledBy,
    ).toBe("alice");
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
  });

  test("the audience is configurable: Oracle's spelling without the slash is accepted too, another is refused", async () => {
    const ok = clientCredentials({ ...keyed({ audience: "https://identity.oraclecloud.com" }), scope: env.oic.scope });
    await expect(ok.getAuthorization()).resolves.toMatch(/^Bearer /);
    const wrong = clientCredentials({ ...keyed({ audience: "https://example.com/" }), scope: env.oic.scope });
    const error = await failure(wrong.getAuthorization());
    expect(error.code).toBe("OIC_INVALID_CLIENT");
    expect(error.message).toContain("aud");
  });

  test("a key that is not the uploaded certificate's, or an unknown alias, is OIC_INVALID_CLIENT without quoting the key", async () => {
    const other = rsaKey();
    for (const options of [{ privateKey: other.pkcs8Pem }, { kid: "not-uploaded" }]) {
      const error = await failure(clientCredentials({ ...keyed(options), scope: env.oic.scope }).getAuthorization());
      expect(error.code).toBe("OIC_INVALID_CLIENT");
      expect(error.message).not.toContain("PRIVATE KEY");
      expect(error.message).not.toMatch(/[A-Za-z0-9+/]{40}/);
    }
  });

  test("keys that cannot sign RS256 are OIC_CONFIGURATION, named but never quoted", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    const encrypted = key.privateKey
      .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "pw" })
      .toString();
    for (const privateKey of ["not a key", ec, encrypted, key.publicPem]) {
      const error = await failure(
        clientCredentials({ ...keyed({ privateKey }), scope: env.oic.scope }).getAuthorization(),
      );
      expect(error.code).toBe("OIC_CONFIGURATION");
      if (privateKey.length > 80) expect(error.message).not.toContain(privateKey.slice(40, 80));
    }
    expect(() => clientCredentials({ ...keyed({ kid: undefined }), scope: env.oic.scope })).toThrow(/kid/);
  });

  test("the stand-in refuses a bad signature, a wrong audience, an expired or replayed assertion, and one without jti", async () => {
    const good = await signedAssertion(key.privateKey, ALIAS, claims());
    expect((await tokenRequest(good)).status).toBe(200);
    const replayed = await tokenRequest(good);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({
      error: "invalid_client",
      error_description: expect.stringContaining("replayed"),
    });

    const now = Math.floor(Date.now() / 1000);
    const cases: [string, Promise<string>][] = [
      ["signature", signedAssertion(rsaKey().privateKey, ALIAS, claims())],
      ["aud", signedAssertion(key.privateKey, ALIAS, claims({ aud: "https://elsewhere.example/" }))],
      ["expired", signedAssertion(key.privateKey, ALIAS, claims({ iat: now - 600, exp: now - 300 }))],
      ["jti", signedAssertion(key.privateKey, ALIAS, claims({ jti: undefined }))],
      ["sub", signedAssertion(key.privateKey, ALIAS, claims({ sub: "alice" }))],
    ];
    for (const [what, assertion] of cases) {
      const response = await tokenRequest(await assertion);
      expect(response.status, what).toBe(401);
      const body = (await response.json()) as { error: string; error_description: string };
      expect(body.error, what).toBe("invalid_client");
      expect(body.error_description, what).toContain(what === "jti" ? "jti" : what);
    }
  });
});
