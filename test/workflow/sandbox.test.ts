/**
 * `startSandbox`: real servers on loopback, real tokens from the identity-domain stand-in, jose-verified by
 * the OIC stand-in. No mocks.
 */
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPair, SignJWT } from "jose";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizationCode, createOicClient, oicScope } from "@oic-gen/runtime/node";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { CLI, ROOT, runCli, tempDir } from "../generator/support.js";
import { browserSignIn, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/environment.js";

const SPECS = join(ROOT, "specs");
const ORDERS_1 = "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0";
const SHIPMENT = "/ic/api/integration/v2/flows/rest/project/LOGISTICS/SHIPMENT_NOTIFY/1.0";
const LIST = "/ic/api/integration/v1/integrations";

/** A token for the sandbox's client (client credentials, `sub` = the client id). */
function clientToken(sandbox: Sandbox, scope: string): Promise<string> {
  const idcs = sandbox.identityDomain;
  return clientCredentialsToken(idcs.url, idcs.clientId, idcs.clientSecret, scope).then(
    (answer) => answer.access_token,
  );
}

async function clientCredentialsToken(
  domainUrl: string,
  clientId: string,
  clientSecret: string,
  scope: string,
): Promise<{ access_token: string; expires_in: number }> {
  const response = await fetch(`${domainUrl}/oauth2/v1/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; expires_in: number };
}

const EXAMPLES_SPEC = {
  openapi: "3.0.3",
  info: { title: "Examples", version: "01.00.0000" },
  servers: [{ url: "/ic/api/integration/v1/flows/rest/EXAMPLES/1.0" }],
  paths: {
    "/media": {
      get: {
        operationId: "media",
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "object" }, example: { id: "from-media-example" } } },
          },
        },
      },
    },
    "/named": {
      get: {
        operationId: "named",
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { examples: { first: { value: { id: "from-named-example" } } } } },
          },
        },
      },
    },
    "/schema": {
      get: {
        operationId: "schema",
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Result" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Result: {
        type: "object",
        properties: {
          when: { type: "string", format: "date-time", example: "2024-02-29T12:00:00Z" },
          kind: { type: "string", enum: ["B", "C"] },
          count: { type: "integer", minimum: 3 },
          tree: { $ref: "#/components/schemas/Node" },
        },
      },
      Node: {
        type: "object",
        properties: {
          name: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        },
      },
    },
  },
};

function get(sandbox: Sandbox, path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sandbox.instanceUrl}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
  });
}

describe("sandbox: OIC stand-in with the identity-domain stand-in", () => {
  let sandbox: Sandbox;
  let token: string;
  /** How far the OIC stand-in's clock runs ahead of the system clock (ms). */
  let clockAhead = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({
      specs: [SPECS],
      statuses: { "ORDERS_SYNC|02.00.0000": "CONFIGURED" },
      now: () => new Date(Date.now() + clockAhead),
    });
    token = await clientToken(sandbox, sandbox.scope);
  });
  afterAll(() => sandbox?.close());

  it("describes itself: instance, scopes, integrations from every spec", () => {
    expect(sandbox.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.scope).toBe(oicScope(sandbox.instanceUrl));
    expect(sandbox.managementScope).toBe(`${sandbox.instanceUrl}/ic/api/`);
    expect(sandbox.integrations.map((i) => `${i.code}|${i.version}`).sort()).toEqual([
      "EMPLOYEE_SYNC|01.00.0000",
      "FA_PERSON_AND_ABSENC_DETAIL|01.00.0000",
      "INVOICE_XML_IMPORT|01.00.0003",
      "ORDERS_SYNC|01.00.0000",
      "ORDERS_SYNC|02.00.0000",
      "SHIPMENT_NOTIFY|01.00.0001",
      "SUPPLIER_PAYMENT_STATUS|01.00.0010",
      "SUPPORT_TICKET_NOTE|01.00.0000",
    ]);
    expect(sandbox.integrations.find((i) => i.code === "SHIPMENT_NOTIFY")).toMatchObject({
      project: "LOGISTICS",
      operations: 3,
      name: "Shipment Notify",
    });
  });

  it("answers integration calls with a valid token only", async () => {
    const missing = await get(sandbox, `${ORDERS_1}/orders/1`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    expect((await get(sandbox, `${ORDERS_1}/orders/1`, "not-a-jwt")).status).toBe(401);

    const ok = await get(sandbox, `${ORDERS_1}/orders/1`, token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-oic-user")).toBe(sandbox.identityDomain.clientId);
    expect(sandbox.calls.at(-1)).toEqual({
      method: "GET",
      path: `${ORDERS_1}/orders/1`,
      user: sandbox.identityDomain.clientId,
      status: 200,
    });
  });

  it("refuses tokens for another audience, without the consumer scope, expired, or signed by another key", async () => {
    const otherAudience = await clientToken(sandbox, "http://127.0.0.1:1urn:opc:resource:consumer::all");
    const management = await clientToken(sandbox, sandbox.managementScope);
    for (const wrong of [otherAudience, management]) {
      const response = await get(sandbox, `${ORDERS_1}/orders/1`, wrong);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    }
    // The management-scope token is fine for the management API.
    expect((await get(sandbox, LIST, management)).status).toBe(200);

    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ scope: sandbox.scope, sub: "mallory" })
      .setProtectedHeader({ alg: "RS256", kid: sandbox.identityDomain.jwks.keys[0]!.kid })
      .setIssuer("https://identity.oraclecloud.com/")
      .setAudience(sandbox.instanceUrl)
      .setExpirationTime("5m")
      .sign(privateKey);
    expect((await get(sandbox, `${ORDERS_1}/orders/1`, forged)).status).toBe(401);

    // Expiry by the stand-in's clock, moved past the token's lifetime: no waiting, whatever the load.
    const later = await clientToken(sandbox, sandbox.scope);
    expect((await get(sandbox, `${ORDERS_1}/orders/1`, later)).status).toBe(200);
    clockAhead = 3600_000 + 60_000;
    try {
      const expired = await get(sandbox, `${ORDERS_1}/orders/1`, later);
      expect(expired.status).toBe(401);
      expect(expired.headers.get("www-authenticate")).toContain("expired");
    } finally {
      clockAhead = 0;
    }
  });

  it("answers with data shaped by the response schema, XML and text per media type, 202/204 without a body", async () => {
    const order = (await (await get(sandbox, `${ORDERS_1}/orders/42`, token)).json()) as Record<string, unknown>;
    expect(order).toMatchObject({
      orderId: expect.any(String),
      customer: expect.any(Object),
      lines: expect.any(Array),
    });
    const lines = await get(sandbox, `${ORDERS_1}/orders/42/lines`, token);
    expect(Array.isArray(await lines.json())).toBe(true);

    const xml = await get(
      sandbox,
      "/ic/api/integration/v2/flows/rest/project/FIN_AP/INVOICE_XML_IMPORT/1.0/invoices/INV-1/status?businessUnit=x",
      token,
    );
    expect(xml.headers.get("content-type")).toMatch(/xml/);
    expect(await xml.text()).toMatch(/^<\?xml[^>]*>\s*<InvoiceStatus xmlns="http:\/\/xmlns\.oracle\.com/);

    const label = await get(sandbox, `${SHIPMENT}/shipments/D1/label`, token);
    expect(label.headers.get("content-type")).toMatch(/^text\/plain/);

    const events = await get(sandbox, `${SHIPMENT}/shipments/events`, token, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(events.status).toBe(202);
    expect(await events.text()).toBe("");
    // A JSON body (any JSON media type, as the runtime classifies it) must parse; other media types are not JSON.
    const post = (body: string, type: string) =>
      get(sandbox, `${SHIPMENT}/shipments/events`, token, { method: "POST", body, headers: { "content-type": type } });
    expect((await post("{", "application/vnd.oracle+json; charset=utf-8")).status).toBe(400);
    expect((await post("{}\n{}\n", "application/x-ndjson")).status).toBe(202);
    const cancelled = await get(sandbox, `${ORDERS_1}/orders/42`, token, { method: "DELETE" });
    expect(cancelled.status).toBe(204);

    expect((await get(sandbox, "/ic/api/integration/v1/flows/rest/NOPE/1.0/x", token)).status).toBe(404);
    expect((await get(sandbox, `${ORDERS_1}/orders/42/lines`, token, { method: "PUT" })).status).toBe(405);
  });

  it("serves endpoint metadata: HTML page, Swagger 2.0 source and its OpenAPI 3 upgrade", async () => {
    const page = await get(sandbox, `${ORDERS_1}/metadata`, token);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("ORDERS_SYNC");
    const swagger = (await (await get(sandbox, `${ORDERS_1}/metadata/swagger`, token)).json()) as Record<
      string,
      unknown
    >;
    expect(swagger).toEqual(JSON.parse(readFileSync(join(SPECS, "ORDERS_SYNC_01.00.0000.swagger.json"), "utf8")));
    const openapi = (await (await get(sandbox, `${ORDERS_1}/metadata/openapi`, token)).json()) as Record<
      string,
      unknown
    >;
    expect(openapi.openapi).toMatch(/^3\.0\./);
    // An OpenAPI 3 source: /openapi serves it, /swagger does not exist.
    expect((await get(sandbox, `${SHIPMENT}/metadata/swagger`, token)).status).toBe(404);
    const shipment = (await (await get(sandbox, `${SHIPMENT}/metadata/openapi`, token)).json()) as {
      info: { title: string };
    };
    expect(shipment.info.title).toBe("Shipment Notify");
    // A spec with its schemas in another file is served as one document: no $ref leaves it.
    const employee = await (
      await get(sandbox, "/ic/api/integration/v1/flows/rest/EMPLOYEE_SYNC/1.0/metadata/openapi", token)
    ).text();
    expect(JSON.parse(employee)).toMatchObject({ info: { title: "Employee Sync" } });
    expect(employee).toContain('"$ref"');
    expect(
      [...employee.matchAll(/"\$ref":\s*"([^"]*)"/g)].map((m) => m[1]).filter((ref) => !ref!.startsWith("#/")),
    ).toEqual([]);
    // Metadata needs a token too, and the management scope is enough.
    expect((await get(sandbox, `${SHIPMENT}/metadata/openapi`)).status).toBe(401);
    expect(
      (await get(sandbox, `${SHIPMENT}/metadata/openapi`, await clientToken(sandbox, sandbox.managementScope))).status,
    ).toBe(200);
  });

  it("lists integrations page by page, like the real resource", async () => {
    const ids: string[] = [];
    let offset = 0;
    for (let page = 0; ; page++) {
      const body = (await (await get(sandbox, `${LIST}?limit=3&offset=${offset}`, token)).json()) as {
        items: Record<string, unknown>[];
        hasMore: boolean;
        totalResults: number;
        limit: number;
        offset: number;
        count: number;
      };
      expect(body).toMatchObject({ totalResults: 8, limit: 3, offset, count: body.items.length });
      ids.push(...body.items.map((item) => item.id as string));
      offset += body.items.length;
      if (!body.hasMore) break;
      expect(page).toBeLessThan(3);
    }
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);

    const fixture = JSON.parse(
      readFileSync(join(ROOT, "test/fixtures/oic/integration-resource.gen3.json"), "utf8"),
    ) as Record<string, unknown>;
    const invoice = (await (await get(sandbox, `${LIST}/INVOICE_XML_IMPORT%7C01.00.0003`, token)).json()) as Record<
      string,
      unknown
    >;
    for (const key of [
      "id",
      "code",
      "version",
      "name",
      "status",
      "pattern",
      "style",
      "projectType",
      "lastUpdated",
      "endPoints",
      "endPointURI",
      "links",
    ]) {
      expect(typeof invoice[key], key).toBe(typeof fixture[key]);
    }
    expect(invoice).toMatchObject({
      id: "INVOICE_XML_IMPORT|01.00.0003",
      code: "INVOICE_XML_IMPORT",
      version: "01.00.0003",
      status: "ACTIVATED",
      pattern: "Orchestration",
      style: "FREEFORM",
    });
    expect(invoice.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(invoice.endPointURI).toBe(
      `${sandbox.instanceUrl}/ic/api/integration/v2/flows/rest/project/FIN_AP/INVOICE_XML_IMPORT/1.0/metadata`,
    );
    expect((invoice.endPoints as { role: string }[])[0]!.role).toBe("SOURCE");
    expect((await get(sandbox, `${LIST}/NOPE%7C01.00.0000`, token)).status).toBe(404);

    const project = (await (
      await get(sandbox, `/ic/api/integration/v1/projects/FIN_AP/integrations`, token)
    ).json()) as { items: { code: string }[]; "total-results": number };
    expect(project.items.map((item) => item.code).sort()).toEqual(["INVOICE_XML_IMPORT", "SUPPLIER_PAYMENT_STATUS"]);
    expect(project["total-results"]).toBe(2);
    expect((await get(sandbox, LIST)).status).toBe(401);
  });

  it("filters by status; an integration that is not ACTIVATED serves nothing", async () => {
    const all = (await (await get(sandbox, LIST, token)).json()) as { items: { id: string; status: string }[] };
    expect(all.items.find((item) => item.id === "ORDERS_SYNC|02.00.0000")!.status).toBe("CONFIGURED");
    const active = (await (
      await get(sandbox, `${LIST}?q=${encodeURIComponent("{status:'ACTIVATED'}")}`, token)
    ).json()) as { items: { id: string }[]; totalResults: number };
    expect(active.totalResults).toBe(7);
    expect(active.items.map((item) => item.id)).not.toContain("ORDERS_SYNC|02.00.0000");
    expect((await get(sandbox, "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/2.0/orders/1", token)).status).toBe(404);
  });
});

describe("sandbox: gen3 integrationInstance and reloading specs", () => {
  let sandbox: Sandbox;
  let folder: string;

  beforeAll(async () => {
    folder = tempDir("sandbox-specs");
    cpSync(SPECS, folder, { recursive: true });
    writeFileSync(join(folder, "EXAMPLES_01.00.0000.openapi.json"), JSON.stringify(EXAMPLES_SPEC));
    sandbox = await startSandbox({ specs: [folder], integrationInstance: "myinstance-abcdefghijkl-bo" });
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("requires ?integrationInstance= on the management API when configured", async () => {
    const token = await clientToken(sandbox, sandbox.managementScope);
    const missing = await get(sandbox, LIST, token);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("integrationInstance");
    const ok = (await (
      await get(sandbox, `${LIST}?integrationInstance=myinstance-abcdefghijkl-bo&limit=1`, token)
    ).json()) as { items: { links: { href: string }[] }[] };
    expect(ok.items[0]!.links[0]!.href).toContain("?integrationInstance=myinstance-abcdefghijkl-bo");
    expect(
      (await get(sandbox, `${LIST}/SHIPMENT_NOTIFY%7C01.00.0001?integrationInstance=myinstance-abcdefghijkl-bo`, token))
        .status,
    ).toBe(200);
  });

  it("answers with the spec's examples when it has them; recursive schemas stay bounded", async () => {
    const token = await clientToken(sandbox, sandbox.scope);
    const base = "/ic/api/integration/v1/flows/rest/EXAMPLES/1.0";
    expect(await (await get(sandbox, `${base}/media`, token)).json()).toEqual({ id: "from-media-example" });
    expect(await (await get(sandbox, `${base}/named`, token)).json()).toEqual({ id: "from-named-example" });
    expect(await (await get(sandbox, `${base}/schema`, token)).json()).toEqual({
      when: "2024-02-29T12:00:00Z",
      kind: "B",
      count: 3,
      tree: { name: "name-1", children: [{ name: "name-1", children: [] }] },
    });
  });

  it("reads a spec again after it changes", async () => {
    const token = await clientToken(sandbox, sandbox.scope);
    const file = join(folder, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml");
    const byId = `${LIST}/SHIPMENT_NOTIFY%7C01.00.0001?integrationInstance=myinstance-abcdefghijkl-bo`;
    const before = (await (await get(sandbox, byId, token)).json()) as { lastUpdated: string };
    writeFileSync(file, readFileSync(file, "utf8").replace("title: Shipment Notify", "title: Shipment Notify Edited"));
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const openapi = (await (await get(sandbox, `${SHIPMENT}/metadata/openapi`, token)).json()) as {
      info: { title: string };
    };
    expect(openapi.info.title).toBe("Shipment Notify Edited");
    const after = (await (await get(sandbox, byId, token)).json()) as { lastUpdated: string; name: string };
    expect(after.name).toBe("Shipment Notify Edited");
    expect(after.lastUpdated).not.toBe(before.lastUpdated);
    expect(sandbox.integrations.find((i) => i.code === "SHIPMENT_NOTIFY")!.name).toBe("Shipment Notify Edited");

    // A broken edit keeps the last good specs and reports the problem.
    writeFileSync(file, "openapi: [");
    await sandbox.reload();
    expect(sandbox.problems.join("\n")).toContain("SHIPMENT_NOTIFY");
    expect((await get(sandbox, `${SHIPMENT}/shipments/D1/label`, token)).status).toBe(200);
  });
});

describe("sandbox: generated functions through the runtime, signed in with Chromium", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let oic: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
  let redirectUri: string;

  beforeAll(async () => {
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    sandbox = await startSandbox({ specs: [SPECS], redirectUris: [redirectUri] });
    browser = await launchBrowser();
    const out = join(tempDir("sandbox-gen"), "oic");
    expect(runCli(["./specs", "--out", out, "--quiet"]).status).toBe(0);
    oic = await import(join(out, "index.ts"));
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await sandbox?.close();
  });

  it("calls as the signed-in user and gets schema-shaped data, 202 for one-way", async () => {
    const idcs = sandbox.identityDomain;
    const client = createOicClient({
      instanceUrl: sandbox.instanceUrl,
      auth: authorizationCode({
        domainUrl: idcs.url,
        clientId: idcs.clientId,
        clientSecret: idcs.clientSecret,
        allowInsecureRequests: true,
        scope: oicScope(sandbox.instanceUrl),
        redirectUri,
        openBrowser: browserSignIn(browser, "bob", idcs.users.bob!),
      }),
    });
    const order = (await oic.ordersSyncV1_0!.getOrder!(client, { path: { orderId: "7" } })) as Record<string, unknown>;
    expect(order).toMatchObject({ orderId: expect.any(String), lines: expect.any(Array) });
    expect(sandbox.calls.at(-1)).toMatchObject({ method: "GET", user: "bob", status: 200 });
    expect(
      await oic.shipmentNotifyV1_0!.postShipmentsEvents!(client, { body: { carrierCode: "DHL" } }),
    ).toBeUndefined();
    expect(sandbox.calls.at(-1)).toMatchObject({ method: "POST", user: "bob", status: 202 });
    const label = await oic.shipmentNotifyV1_0!.getShippingLabel!(client, { path: { deliveryId: "D1" } });
    expect(typeof label).toBe("string");
    await expect(oic.ordersSyncV2_0!.getOrder!(client, { path: { orderId: "1" } })).resolves.toBeTruthy();
    expect(await oic.supportTicketNoteV1_0!.getTicket!(client, { path: { ticketNumber: "SR1" } })).toBeTruthy();
  });
});

describe("oic-gen sandbox (the command)", () => {
  it("prints what to configure, serves the specs, and stops cleanly on SIGINT", async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        "sandbox",
        "./specs",
        "--integration-instance",
        "inst-1",
        "--access-token-ttl",
        "120",
        "--redirect-uri",
        "http://127.0.0.1:3999/callback",
      ],
      {
        cwd: ROOT,
        env: { ...process.env, FORCE_COLOR: "0", CI: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    // Ready once the last settings line is out; no polling.
    const printed = new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/^OIC_REDIRECT_URI=.*$/m.test(output)) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await Promise.race([
        printed,
        exited.then((code) =>
          Promise.reject(new Error(`the sandbox exited (${code}) before printing its settings:\n${output}`)),
        ),
      ]);
      const config = JSON.parse(/oic-gen\.config\.json:\n(\{[\s\S]*?\n\})/.exec(output)![1]!) as {
        instanceUrl: string;
        domainUrl: string;
        clientId: string;
        redirectUri: string;
        integrationInstance: string;
      };
      // Complete: the specs folder and the redirect URL as given, and where generated code goes.
      expect(config).toMatchObject({
        clientId: "oic-gen-sandbox",
        redirectUri: "http://127.0.0.1:3999/callback",
        integrationInstance: "inst-1",
        specs: "./specs",
        out: "src/oic",
      });
      expect(output).toMatch(
        /^Redirect URLs +http:\/\/127\.0\.0\.1:8765\/callback http:\/\/127\.0\.0\.1:3999\/callback$/m,
      );
      expect(output).toMatch(/^OIC_REDIRECT_URI=http:\/\/127\.0\.0\.1:3999\/callback$/m);
      expect(output).toContain("alice / alice-password-1");
      expect(output).toContain(`${config.instanceUrl}/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/metadata`);
      const secret = /^OIC_CLIENT_SECRET=(.+)$/m.exec(output)![1]!;
      const { access_token: token, expires_in: expiresIn } = await clientCredentialsToken(
        config.domainUrl,
        config.clientId,
        secret,
        `${config.instanceUrl}/ic/api/`,
      );
      expect(expiresIn).toBeLessThanOrEqual(120);
      const list = await fetch(`${config.instanceUrl}/ic/api/integration/v1/integrations?integrationInstance=inst-1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await list.json()) as { totalResults: number }).totalResults).toBe(8);
      expect(output).not.toContain(token);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("oic-gen sandbox: stopped");
  });
});
