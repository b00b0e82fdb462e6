import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  clientCredentials,
  createOicClient,
  invoke,
  isOicHttpError,
  OIC_HTTP_ERROR,
  type OicHttpError,
  type OperationDescriptor,
} from "../../runtime/src/index.js";
import { startIdentityDomain, type IdentityDomainStandIn } from "../support/identity-domain.js";
import { getOrder } from "../support/environment.js";
import { startIntegrationServer, type IntegrationServer } from "../support/integration-server.js";
import { json, startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";

const execute$: OperationDescriptor = {
  method: "POST",
  path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders",
  requestType: "application/json",
  accept: "application/json",
  responseAs: "json",
};

// The shape real instances answer with when an invoke inside the integration fails (see the OIC docs' fault examples).
const unmappedFault = {
  type: "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1",
  title: "Internal Server Error",
  detail: "Internal server error. Please contact oracle support for details.",
  errorCode: "500",
  errorDetails: [
    {
      type: "UnMappedFault:execute",
      instance: "NA",
      title:
        "Fault Details : <APIInvocationError><type>ERROR</type><title>Not Found</title><detail>Backend answered 404 Not Found</detail><errorCode>404</errorCode></APIInvocationError>",
      errorPath: "NA",
      errorCode: "NA",
    },
  ],
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server?.close();
});

async function httpError(promise: Promise<unknown>): Promise<OicHttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isOicHttpError(error), `an OicHttpError, got ${String(error)}`).toBe(true);
  return error as OicHttpError;
}

describe("OIC faults", () => {
  test("a fault-shaped 500 is parsed into error.fault, and the message says what OIC said, backend status included", async () => {
    server.handle((_, res) => json(res, 500, unmappedFault));
    const client = createOicClient({ instanceUrl: server.url });
    const error = await httpError(invoke(client, execute$, { body: { orderId: "42" } }));
    expect(error.code).toBe(OIC_HTTP_ERROR);
    expect(error.status).toBe(500);
    expect(error.fault).toEqual(unmappedFault);
    expect(error.fault?.errorDetails[0]?.type).toBe("UnMappedFault:execute");
    expect(error.message).toContain(
      "OIC says: Internal Server Error: Internal server error. Please contact oracle support for details. (errorCode 500)",
    );
    expect(error.message).toContain("detail: UnMappedFault:execute: Fault Details : <APIInvocationError>");
    expect(error.message).toContain("404 Not Found");
  });

  test("an integration's own Fault Return keeps its values; numeric codes read as strings", async () => {
    server.handle((_, res) =>
      json(res, 400, {
        title: "Order rejected",
        detail: "quantity must be positive",
        errorCode: 4017,
        remedialAction: "fix the quantity",
      }),
    );
    const client = createOicClient({ instanceUrl: server.url });
    const error = await httpError(invoke(client, execute$, { body: { quantity: -1 } }));
    expect(error.fault).toEqual({
      title: "Order rejected",
      detail: "quantity must be positive",
      errorCode: "4017",
      remedialAction: "fix the quantity",
      errorDetails: [],
    });
    expect(error.message).toMatch(
      /HTTP 400[^\n]*\nOIC says: Order rejected: quantity must be positive \(errorCode 4017\)\n {2}remedial action: fix the quantity/,
    );
  });

  test("bodies that are not OIC faults leave fault undefined", async () => {
    for (const body of [{ message: "nope" }, ["a"], "plain text"]) {
      server.handle((_, res) =>
        typeof body === "string"
          ? res.writeHead(502, { "Content-Type": "text/plain" }).end(body)
          : json(res, 502, body),
      );
      const error = await httpError(
        invoke(createOicClient({ instanceUrl: server.url }), execute$, { body: {}, retry: false }),
      );
      expect(error.fault).toBeUndefined();
      expect(error.body).toEqual(body);
    }
  });

  test("a 403 says which role is missing and repeats the server's challenge", async () => {
    server.handle((_, res) =>
      json(res, 403, { title: "Forbidden" }, { "WWW-Authenticate": 'Bearer error="insufficient_scope"' }),
    );
    const error = await httpError(invoke(createOicClient({ instanceUrl: server.url }), execute$, { body: {} }));
    expect(error.message).toContain('WWW-Authenticate: Bearer error="insufficient_scope"');
    expect(error.message).toContain("ServiceInvoker role");
  });
});

describe("a 401 from an instance that verifies tokens", () => {
  let idp: IdentityDomainStandIn;
  let oic: IntegrationServer;
  beforeAll(async () => {
    idp = await startIdentityDomain({ redirectUris: ["http://127.0.0.1:9/callback"] });
    oic = await startIntegrationServer({ jwks: idp.jwks });
  });
  afterAll(async () => {
    await oic?.close();
    await idp?.close();
  });

  test("a login whose scope names another instance: the message shows the challenge, the expected scope and the mismatch, never the token", async () => {
    const otherInstance = "http://127.0.0.1:9";
    const auth = clientCredentials({
      domainUrl: idp.url,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowInsecureRequests: true,
      instanceUrl: oic.url,
      scope: `${otherInstance}urn:opc:resource:consumer::all`,
    });
    const client = createOicClient({ instanceUrl: oic.url, auth });
    const error = await httpError(getOrder(client, { path: { orderId: "1" } }));
    expect(error.status).toBe(401);
    expect(error.message).toContain('WWW-Authenticate: Bearer error="invalid_token"');
    expect(error.message).toContain(
      `the token's scope must be this instance's: ${oic.audience}urn:opc:resource:consumer::all`,
    );
    expect(error.message).toContain(
      `the login asked for "${otherInstance}urn:opc:resource:consumer::all", which does not name this instance`,
    );
    const printed = `${error.message}\n${inspect(error, { depth: 5 })}`;
    for (const secret of idp.issuedSecrets)
      expect(printed.includes(secret), "no issued token in the error").toBe(false);
    expect(printed).not.toContain(idp.clientSecret);
  });
});
