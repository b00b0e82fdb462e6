import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authorizationCode,
  clientCredentials,
  createOicClient,
  invoke,
  memoryTokenStore,
  OIC_CONFIGURATION,
  OIC_INVALID_INPUT,
  oicScope,
  OicError,
  type OicAuth,
  type OperationDescriptor,
} from "../../runtime/src/index.js";
import { startIdentityDomain } from "../support/identity-domain.js";
import { json, startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";

const getThing$: OperationDescriptor = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/THINGS/1.0/things/{id}",
  accept: "application/json",
  responseAs: "json",
};
const TOKEN = "Bearer instance-bound-test-token";

let instance: ScriptedServer;
let elsewhere: ScriptedServer;
beforeAll(async () => {
  instance = await startScriptedServer();
  elsewhere = await startScriptedServer((_, res) => json(res, 200, { where: "elsewhere" }));
});
afterAll(async () => {
  await instance?.close();
  await elsewhere?.close();
});

/** An auth that hands out a fixed header for `instanceUrl`: what matters here is where the client sends it. */
function fixedAuth(instanceUrl: string): OicAuth {
  return { instanceUrl, getAuthorization: async () => TOKEN };
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<OicError> {
  const error = await (typeof promise === "function" ? Promise.resolve().then(promise) : promise).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OicError);
  return error as OicError;
}

describe("tokens stay with their instance", () => {
  test("a redirect to a second origin does not carry the token there", async () => {
    instance.handle((_, res) =>
      res.writeHead(307, { Location: `${elsewhere.url}/ic/api/integration/v1/flows/rest/THINGS/1.0/things/1` }).end(),
    );
    const client = createOicClient({ instanceUrl: instance.url, auth: fixedAuth(instance.url) });
    expect(await invoke(client, getThing$, { path: { id: "1" } })).toEqual({ where: "elsewhere" });
    expect(instance.seen.at(-1)?.authorization).toBe(TOKEN);
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    expect(elsewhere.seen.every((r) => r.authorization === undefined)).toBe(true);
  });

  test("a client for another instance refuses an auth bound to the first one, before anything is sent", async () => {
    const before = elsewhere.seen.length;
    const error = await failure(() => createOicClient({ instanceUrl: elsewhere.url, auth: fixedAuth(instance.url) }));
    expect(error.code).toBe(OIC_CONFIGURATION);
    expect(error.message).toContain(instance.url);
    expect(elsewhere.seen.length).toBe(before);
  });

  test("an explicit scope for dev with instanceUrl switched to another host is refused, not sent there", async () => {
    const auth = authorizationCode({
      endpoints: {
        authorization: "https://idcs-x.identity.oraclecloud.com/oauth2/v1/authorize",
        token: "https://idcs-x.identity.oraclecloud.com/oauth2/v1/token",
      },
      clientId: "app",
      clientSecret: "app-secret",
      scope: oicScope("https://dev-instance.integration.ocp.oraclecloud.com"),
      redirectUri: "http://127.0.0.1:8765/callback",
      login: "none",
    });
    expect(auth.instanceUrl).toBe("https://dev-instance.integration.ocp.oraclecloud.com");
    const error = await failure(() =>
      createOicClient({ instanceUrl: "https://dev-instanse.integration.ocp.oraclecloud.com", auth }),
    );
    expect(error.code).toBe(OIC_CONFIGURATION);
  });

  test("tokens stored for one instance are not used for another, even from the same store and scope", async () => {
    const idp = await startIdentityDomain({ redirectUris: ["http://127.0.0.1:9/callback"] });
    try {
      const store = memoryTokenStore();
      const common = {
        domainUrl: idp.url,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        allowInsecureRequests: true,
        scope: oicScope(instance.url),
        store,
      };
      const dev = clientCredentials({ ...common, instanceUrl: instance.url });
      await dev.getAuthorization();
      await dev.getAuthorization();
      expect(idp.tokenRequests.total).toBe(1);
      const other = clientCredentials({ ...common, instanceUrl: elsewhere.url });
      await other.getAuthorization();
      // The dev token was not taken for the other instance: a token of its own was asked for.
      expect(idp.tokenRequests.total).toBe(2);
    } finally {
      await idp.close();
    }
  });

  test("path values . and .. are refused before anything is sent; others stay one segment", async () => {
    instance.handle((req, res) => json(res, 200, { url: req.url }));
    const client = createOicClient({ instanceUrl: instance.url, auth: fixedAuth(instance.url) });
    const before = instance.seen.length;
    for (const id of [".", ".."]) {
      const error = await failure(invoke(client, getThing$, { path: { id } }));
      expect(error.code).toBe(OIC_INVALID_INPUT);
    }
    expect(instance.seen.length).toBe(before);
    const base = "/ic/api/integration/v1/flows/rest/THINGS/1.0/things/";
    for (const [id, sent] of [
      ["../../admin", "..%2F..%2Fadmin"],
      ["%2e%2e", "%252e%252e"],
      ["a b?c#d", "a%20b%3Fc%23d"],
      ["...", "..."],
    ] as const) {
      expect(await invoke(client, getThing$, { path: { id } })).toEqual({ url: `${base}${sent}` });
    }
  });

  test("plain http is accepted for loopback only, unless explicitly allowed", async () => {
    const error = await failure(() => createOicClient({ instanceUrl: "http://oic.example.com" }));
    expect(error.code).toBe(OIC_CONFIGURATION);
    expect(error.message).toMatch(/must be https/);
    expect(createOicClient({ instanceUrl: "http://oic.example.com", allowInsecureHttp: true }).instanceUrl).toBe(
      "http://oic.example.com",
    );
    expect(createOicClient({ instanceUrl: "http://127.0.0.1:1/prefix/" }).instanceUrl).toBe(
      "http://127.0.0.1:1/prefix",
    );
  });
});
