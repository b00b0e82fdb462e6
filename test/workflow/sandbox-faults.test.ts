/**
 * The sandbox fails like OIC and an identity domain do, on demand: OIC-shaped faults per request
 * (`X-Oic-Sandbox-Fault`), 429 beyond the concurrency limit, the synchronous timeout, slow answers, 403 for a
 * user without a role, `invalid_scope` for a scope that does not name the instance, and a log of reloads.
 * Real servers on loopback; the faults are read back through the runtime (`OicHttpError.fault`).
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clientCredentials,
  createOicClient,
  invoke,
  isOicHttpError,
  type OicClient,
  type OicHttpError,
} from "@oic-gen/runtime/node";
import { FAULT_HEADER, startSandbox, type ReloadEvent, type Sandbox } from "../../sandbox/src/index.js";
import { ROOT, tempDir } from "../generator/support.js";

const GET_ORDER = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders/{orderId}",
  accept: "application/json",
  responseAs: "json",
} as const;

function appClient(sandbox: Sandbox): OicClient {
  const idcs = sandbox.identityDomain;
  const auth = clientCredentials({
    domainUrl: idcs.url,
    clientId: idcs.clientId,
    clientSecret: idcs.clientSecret,
    allowInsecureRequests: true,
    instanceUrl: sandbox.instanceUrl,
  });
  return createOicClient({ instanceUrl: sandbox.instanceUrl, auth, retry: false });
}

/** Calls getOrder with the fault header; resolves the error (or undefined on success) and how long it took. */
async function call(client: OicClient, fault?: string): Promise<{ error?: OicHttpError; ms: number }> {
  const started = performance.now();
  try {
    await invoke(client, GET_ORDER, { path: { orderId: "42" }, headers: fault ? { [FAULT_HEADER]: fault } : {} });
    return { ms: performance.now() - started };
  } catch (error) {
    if (!isOicHttpError(error)) throw error;
    return { error, ms: performance.now() - started };
  }
}

describe("sandbox faults and limits, as OIC gives them", () => {
  let sandbox: Sandbox;
  let client: OicClient;
  let specs: string;
  const reloads: ReloadEvent[] = [];

  beforeAll(async () => {
    specs = join(tempDir("sandbox-faults"), "specs");
    cpSync(join(ROOT, "specs"), specs, { recursive: true });
    sandbox = await startSandbox({
      specs: [specs],
      maxConcurrent: 2,
      syncTimeoutMs: 300,
      onReload: (event) => reloads.push(event),
    });
    client = appClient(sandbox);
  }, 60_000);
  afterAll(() => sandbox?.close());

  it("answers normally without the header", async () => {
    expect((await call(client)).error).toBeUndefined();
  });

  it("500 wrapping the backend's 404 in errorDetails, in OIC's fault shape", async () => {
    const { error } = await call(client, "500-backend-404");
    expect(error?.status).toBe(500);
    expect(error?.fault).toMatchObject({ title: "Internal Server Error", errorCode: "500" });
    expect(error?.fault?.errorDetails[0]?.type).toBe("UnMappedFault:execute");
    expect(error?.fault?.errorDetails[0]?.title).toMatch(/404/);
    expect(error?.message).toMatch(/detail: UnMappedFault:execute: .*404/);
  });

  it("400 as an integration's fault return, 403 as without the role", async () => {
    const bad = await call(client, "400");
    expect(bad.error?.status).toBe(400);
    expect(bad.error?.fault).toMatchObject({ title: "Bad Request", errorCode: "400" });
    const forbidden = await call(client, "403");
    expect(forbidden.error?.status).toBe(403);
    expect(forbidden.error?.message).toMatch(/ServiceInvoker/);
  });

  it("an unknown fault value is refused with 400, so a typo in a test shows", async () => {
    const { error } = await call(client, "500-backend-4O4");
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error?.body)).toMatch(/unknown X-Oic-Sandbox-Fault value/);
  });

  it("slow answers: delay=<ms> answers normally, later", async () => {
    const { error, ms } = await call(client, "delay=150");
    expect(error).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(140);
  });

  it("the synchronous timeout (scaled down to 300 ms here): a slower call gets OIC's timeout fault at the limit", async () => {
    const { error, ms } = await call(client, "delay=5000");
    expect(error?.status).toBe(504);
    expect(error?.fault?.detail).toMatch(/did not complete within 0.3 s/);
    expect(ms).toBeLessThan(3000);
  });

  it("429 with Retry-After when more synchronous calls are in flight than the limit (2 here)", async () => {
    const results = await Promise.all([
      call(client, "delay=250"),
      call(client, "delay=250"),
      call(client, "delay=250"),
    ]);
    const statuses = results.map((result) => result.error?.status ?? 200).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const throttled = results.find((result) => result.error?.status === 429)!.error!;
    expect(throttled.response.headers.get("retry-after")).toBe("1");
    expect(throttled.fault?.title).toBe("Too Many Requests");
    expect((await call(client)).error).toBeUndefined(); // the slots are free again
  });

  it("an application (or user) without a role on the instance gets 403", async () => {
    const roleless = await startSandbox({ specs: [join(ROOT, "specs")], roles: { "oic-gen-sandbox": null } });
    try {
      const { error } = await call(appClient(roleless));
      expect(error?.status).toBe(403);
      expect(error?.fault?.detail).toMatch(/does not have the ServiceInvoker role/);
      expect(error?.message).toMatch(/ServiceInvoker role/);
    } finally {
      await roleless.close();
    }
  }, 60_000);

  it("the identity domain refuses a scope that does not name the instance (invalid_scope), as a real domain does", async () => {
    const idcs = sandbox.identityDomain;
    const redirect = "http://127.0.0.1:8765/callback";
    const authorize = (scope: string) =>
      fetch(
        `${idcs.url}/oauth2/v1/authorize?${new URLSearchParams({ client_id: idcs.clientId, response_type: "code", redirect_uri: redirect, scope, state: "s1", code_challenge: "x".repeat(43), code_challenge_method: "S256" })}`,
        { redirect: "manual" },
      );
    for (const scope of [
      "urn:opc:resource:consumer::all offline_access",
      `http://127.0.0.1:1urn:opc:resource:consumer::all`,
    ]) {
      const refused = await authorize(scope);
      const location = new URL(refused.headers.get("location")!);
      expect(location.origin + location.pathname).toBe(redirect);
      expect(location.searchParams.get("error")).toBe("invalid_scope");
      expect(location.searchParams.get("state")).toBe("s1");
    }
    const accepted = await authorize(`${sandbox.scope} offline_access`);
    expect(accepted.headers.get("location")).toMatch(/^\/interaction\//);
  });

  it("logs each reload of a changed spec", async () => {
    const file = join(specs, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("tracking", "TRACKING"));
    const before = reloads.length;
    await call(client); // specs are checked on each request
    expect(reloads.length).toBe(before + 1);
    expect(reloads.at(-1)).toEqual({ integrations: sandbox.integrations.length, problems: [] });
  });
});
