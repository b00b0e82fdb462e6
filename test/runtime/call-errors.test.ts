import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authorizationCode,
  createOicClient,
  invoke,
  memoryTokenStore,
  OIC_ABORTED,
  OIC_HTTP_ERROR,
  OIC_INVALID_RESPONSE,
  OIC_TIMEOUT,
  OIC_UNREACHABLE,
  OicError,
  type OperationDescriptor,
} from "../../runtime/src/index.js";
import { closedPort, json, startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";

const getThing$: OperationDescriptor = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/THINGS/1.0/things/{id}",
  accept: "application/json",
  responseAs: "json",
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server?.close();
});

async function failure(promise: Promise<unknown>): Promise<OicError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call must fail with an OicError").toBeInstanceOf(OicError);
  return error as OicError;
}

describe("every failure of a call is an OicError with a stable code", () => {
  test("a refused connection is OIC_UNREACHABLE naming the host and the cause", async () => {
    const port = await closedPort();
    const client = createOicClient({ instanceUrl: `http://127.0.0.1:${port}` });
    const error = await failure(invoke(client, getThing$, { path: { id: "1" } }));
    expect(error.code).toBe(OIC_UNREACHABLE);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain("ECONNREFUSED");
    // The path template, never the parameter values.
    expect(error.message).toContain("/things/{id}");
  });

  test("an unknown host is OIC_UNREACHABLE with the resolver's cause", async () => {
    const client = createOicClient({ instanceUrl: "https://no-such-host.invalid" });
    const error = await failure(invoke(client, getThing$, { path: { id: "1" } }));
    expect(error.code).toBe(OIC_UNREACHABLE);
    expect(error.message).toMatch(/no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
  });

  test("a hanging instance is OIC_TIMEOUT after the client's timeoutMs", async () => {
    server.handle(() => undefined); // never answers
    const client = createOicClient({ instanceUrl: server.url, timeoutMs: 150 });
    const started = performance.now();
    const error = await failure(invoke(client, getThing$, { path: { id: "1" } }));
    expect(error.code).toBe(OIC_TIMEOUT);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(error.message).toContain(server.host);
    expect(error.message).toContain("150 ms");
  });

  test("a per-call timeoutMs overrides the client's", async () => {
    server.handle(() => undefined);
    const client = createOicClient({ instanceUrl: server.url, timeoutMs: 60_000 });
    const error = await failure(invoke(client, getThing$, { path: { id: "1" }, timeoutMs: 100 }));
    expect(error.code).toBe(OIC_TIMEOUT);
  });

  test("a body that stops arriving is a timeout too (the timeout covers reading the answer)", async () => {
    server.handle((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"partial": ');
    });
    const client = createOicClient({ instanceUrl: server.url, timeoutMs: 150 });
    expect((await failure(invoke(client, getThing$, { path: { id: "1" } }))).code).toBe(OIC_TIMEOUT);
  });

  test("the caller's abort is OIC_ABORTED (a string code, not DOMException's number)", async () => {
    server.handle(() => undefined);
    const client = createOicClient({ instanceUrl: server.url });
    const controller = new AbortController();
    const call = invoke(client, getThing$, { path: { id: "1" }, signal: controller.signal });
    controller.abort();
    const error = await failure(call);
    expect(error.code).toBe(OIC_ABORTED);
    const already = await failure(invoke(client, getThing$, { path: { id: "1" }, signal: AbortSignal.abort() }));
    expect(already.code).toBe(OIC_ABORTED);
  });

  test("a success answer that is not JSON is OIC_INVALID_RESPONSE", async () => {
    server.handle((_, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("<html>gateway page</html>");
    });
    const client = createOicClient({ instanceUrl: server.url });
    const error = await failure(invoke(client, getThing$, { path: { id: "1" } }));
    expect(error.code).toBe(OIC_INVALID_RESPONSE);
    expect(error.message).toContain(server.host);
  });

  test("a non-2xx answer is OIC_HTTP_ERROR", async () => {
    server.handle((_, res) => json(res, 404, { title: "Not Found" }));
    const client = createOicClient({ instanceUrl: server.url });
    expect((await failure(invoke(client, getThing$, { path: { id: "1" } }))).code).toBe(OIC_HTTP_ERROR);
  });

  test("a token endpoint that answers 200 with something that is not JSON is OIC_INVALID_RESPONSE, and no secret is printed", async () => {
    const secret = "client-secret-0123456789abcdefghijklmnop";
    const idp = await startScriptedServer((_, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    try {
      const auth = authorizationCode({
        endpoints: { authorization: `${idp.url}/oauth2/v1/authorize`, token: `${idp.url}/oauth2/v1/token` },
        allowInsecureRequests: true,
        clientId: "app",
        clientSecret: secret,
        scope: "scope-a",
        instanceUrl: server.url,
        redirectUri: "http://127.0.0.1:1/callback",
        login: "none",
        store: memoryTokenStore({
          version: 1,
          accessToken: "expired-access-token-value",
          tokenType: "Bearer",
          receivedAt: 0,
          expiresAt: 1,
          refreshToken: "refresh-token-value-0123456789abcdef",
        }),
      });
      const error = await failure(auth.getAuthorization());
      expect(error.code).toBe(OIC_INVALID_RESPONSE);
      expect(`${error.message}${inspect(error)}`).not.toContain(secret);
    } finally {
      await idp.close();
    }
  });
});
