import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOicClient, OicHttpError, type OicClient } from "@oic-gen/runtime";
import { ROOT, runHere, tempDir } from "./support.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A stand-in REST trigger: records each request and answers from a small routing table. */
function startTrigger(name: string): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const path = req.url!.split("?")[0]!;
    if (path.endsWith("/shipments/events")) return void res.writeHead(202).end();
    if (path.includes("/SUPPORT_TICKET_NOTE/") && req.method === "GET") {
      return void res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ title: "Not Found", detail: "no ticket" }));
    }
    if (path.includes("/INVOICE_XML_IMPORT/"))
      return void res.writeHead(200, { "content-type": "application/xml" }).end(`<ack server="${name}"/>`);
    if (path.endsWith("/slow")) return;
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ orderNumber: "SO-1", server: name }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

describe("generated functions call OIC through the runtime", () => {
  let oic: Record<string, any>;
  let dev: Awaited<ReturnType<typeof startTrigger>>;
  let prod: Awaited<ReturnType<typeof startTrigger>>;
  let client: OicClient;

  beforeAll(async () => {
    const out = join(tempDir("calls"), "oic");
    expect((await runHere(["./specs", "--out", out])).status).toBe(0);
    oic = await import(join(out, "index.ts"));
    dev = await startTrigger("dev");
    prod = await startTrigger("prod");
    client = createOicClient({ instanceUrl: dev.url });
  });
  afterAll(() => {
    dev.server.close();
    prod.server.close();
  });

  it("fills path parameters (encoded) under the instance URL, and parses the JSON result", async () => {
    const order = await oic.ordersSyncV1_0.getOrder(client, { path: { orderId: "4 2/x" } });
    expect(order).toEqual({ orderNumber: "SO-1", server: "dev" });
    expect(dev.seen.at(-1)).toMatchObject({
      method: "GET",
      url: "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders/4%202%2Fx",
    });
    expect(dev.seen.at(-1)!.headers.accept).toBe("application/json");
  });

  it("sends the same generated call to whichever instance the client names", async () => {
    const order = await oic.ordersSyncV1_0.getOrder(createOicClient({ instanceUrl: prod.url }), {
      path: { orderId: "1" },
    });
    expect(order.server).toBe("prod");
    expect(prod.seen.at(-1)!.url).toBe("/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders/1");
  });

  it("serialises query parameters, header parameters, extra headers and a JSON body", async () => {
    await oic.ordersSyncV1_0.listOrders(client, { query: { customerNumber: "C 1", limit: 5 } });
    expect(dev.seen.at(-1)!.url).toBe(
      "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders?customerNumber=C%201&limit=5",
    );
    await oic.ordersSyncV1_0.createOrder(client, {
      header: { "X-Correlation-Id": "corr-1" },
      headers: { "x-extra": "yes" },
      body: { sourceOrderNumber: "S-1" },
    });
    const seen = dev.seen.at(-1)!;
    expect(seen).toMatchObject({ method: "POST", body: JSON.stringify({ sourceOrderNumber: "S-1" }) });
    expect(seen.headers).toMatchObject({
      "content-type": "application/json",
      "x-correlation-id": "corr-1",
      "x-extra": "yes",
    });
  });

  it("sends XML and text bodies as strings with their media type, and returns text", async () => {
    const ack = await oic.invoiceXmlImportV1_0.importInvoice(client, {
      body: "<invoice><number>INV-1</number></invoice>",
    });
    expect(ack).toBe('<ack server="dev"/>');
    expect(dev.seen.at(-1)).toMatchObject({ body: "<invoice><number>INV-1</number></invoice>" });
    expect(dev.seen.at(-1)!.headers["content-type"]).toBe("application/xml");
  });

  it("resolves a one-way (202) trigger to undefined", async () => {
    await expect(oic.shipmentNotifyV1_0.postShipmentsEvents(client, { body: { events: [] } })).resolves.toBeUndefined();
    expect(dev.seen.at(-1)!.url).toBe(
      "/ic/api/integration/v2/flows/rest/project/LOGISTICS/SHIPMENT_NOTIFY/1.0/shipments/events",
    );
  });

  it("throws OicHttpError with the parsed error body and status", async () => {
    const error = await oic.supportTicketNoteV1_0
      .getTicket(client, { path: { ticketNumber: "T-404" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OicHttpError);
    expect(error).toMatchObject({
      status: 404,
      code: "OIC_HTTP_ERROR",
      body: { title: "Not Found", detail: "no ticket" },
    });
    // Messages name the operation's path template; parameter values (user data) stay out of them.
    expect((error as Error).message).toContain("/tickets/{ticketNumber} failed with HTTP 404");
    expect((error as Error).message).not.toContain("T-404");
  });

  it("honours a per-call AbortSignal", async () => {
    const controller = new AbortController();
    const pending = oic.ordersSyncV1_0.getOrder(client, { path: { orderId: "slow" }, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe("names that would make a module thenable", () => {
  it("an operation and an integration called `then` are renamed, so `await import()` gets the module", async () => {
    const out = join(tempDir("thenable"), "oic");
    expect((await runHere([join(ROOT, "test/fixtures/awkward/thenable-names.yaml"), "--out", out])).status).toBe(0);
    const index = await import(join(out, "index.ts"));
    expect(index.then).toBeUndefined();
    expect(typeof index.then_.then_).toBe("function");
    expect(index.then_.then).toBeUndefined();
  });
});
