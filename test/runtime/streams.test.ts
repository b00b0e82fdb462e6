import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createOicClient,
  invoke,
  type CallOptions,
  type OicAuth,
  type OicClient,
  type OperationDescriptor,
} from "../../runtime/src/index.js";
import { json, startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";

// Functions in exactly the shape the generator emits for binary answers and bodies.
const download$: OperationDescriptor = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/FILES/1.0/files/{id}",
  accept: "application/octet-stream",
  responseAs: "blob",
};
function download(
  client: OicClient,
  input: { path: { id: string } } & CallOptions & { stream: true },
): Promise<ReadableStream<Uint8Array>>;
function download(client: OicClient, input: { path: { id: string } } & CallOptions & { stream?: false }): Promise<Blob>;
function download(
  client: OicClient,
  input: { path: { id: string } } & CallOptions & { stream?: boolean },
): Promise<Blob | ReadableStream<Uint8Array>> {
  return invoke(client, download$, input) as Promise<Blob | ReadableStream<Uint8Array>>;
}
const upload$: OperationDescriptor = {
  method: "PUT",
  path: "/ic/api/integration/v1/flows/rest/FILES/1.0/files/{id}",
  requestType: "application/octet-stream",
  accept: "application/json",
  responseAs: "json",
};
function upload(
  client: OicClient,
  input: { path: { id: string }; body: Blob | Uint8Array | ReadableStream<Uint8Array> } & CallOptions,
): Promise<{ received: number }> {
  return invoke(client, upload$, input) as Promise<{ received: number }>;
}

const GiB = 1024 ** 3;
const CHUNK = 1024 * 1024;
/** Bounded memory: what is still referenced stays under 64 MiB while 1 GiB goes through. */
const MAX_GROWTH = 64 * 1024 ** 2;
const SAMPLE_EVERY = 16 * 1024 ** 2;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server?.close();
});

/** An auth that can renew, so the 401-replay path (which copies bodies) is in play. */
const auth = (instanceUrl: string): OicAuth => ({
  instanceUrl,
  getAuthorization: async () => "Bearer stream-test-token",
  handleUnauthorized: async () => true,
});

// A forced collection before each sample makes the figure what is still referenced, not garbage the
// collector has not got to yet (fresh chunks arrive faster than V8 collects them on its own).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Live memory (heap + array buffers) after a full collection. */
function liveBytes(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Samples live memory after every 16 MiB that `task` reports passing through; resolves the peak growth over the
 * start. Counted in bytes, not chunks: fetch hands a download over in parts of about 64 KiB, and a full
 * collection every few of them would cost more than the transfer.
 */
async function peakGrowth(task: (sample: (bytes: number) => void) => Promise<void>): Promise<number> {
  const start = liveBytes();
  let peak = start;
  let sinceSample = 0;
  await task((bytes) => {
    sinceSample += bytes;
    if (sinceSample < SAMPLE_EVERY) return;
    sinceSample = 0;
    peak = Math.max(peak, liveBytes());
  });
  return peak - start;
}

/** `size` bytes of 1s, produced as they are read. */
function ones(size: number): ReadableStream<Uint8Array> {
  let produced = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= size) return controller.close();
        produced += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(1));
      },
    },
    { highWaterMark: 2 },
  );
}

describe("streams: a 1 GB payload never sits in memory", () => {
  test("a 1 GiB binary answer is read as a ReadableStream with bounded memory", { timeout: 120_000 }, async () => {
    const chunk = Buffer.alloc(CHUNK, 7);
    server.handle((_, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(GiB) });
      let sent = 0;
      const pump = () => {
        while (sent < GiB) {
          sent += CHUNK;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const client = createOicClient({ instanceUrl: server.url, auth: auth(server.url) });
    let bytes = 0;
    let sevens = true;
    const growth = await peakGrowth(async (sample) => {
      const stream = await download(client, { path: { id: "big" }, stream: true });
      expect(stream).toBeInstanceOf(ReadableStream);
      for await (const part of stream) {
        bytes += part.byteLength;
        sevens &&= part[0] === 7 && part[part.byteLength - 1] === 7;
        sample(part.byteLength);
      }
    });
    expect(bytes).toBe(GiB);
    expect(sevens).toBe(true);
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  test("a 1 GiB body is sent from a ReadableStream with bounded memory", { timeout: 120_000 }, async () => {
    server.handle((req, res) => {
      let received = 0;
      req.on("data", (part: Buffer) => (received += part.byteLength));
      req.on("end", () => json(res, 200, { received }));
    });
    // Node 20's own fetch keeps live memory up to the size of the largest streamed upload so far (seen with
    // plain fetch, no runtime involved). One plain 1 GiB upload first takes that out of the figure, which
    // then shows what the runtime adds: a copy of the body for a 401 replay would add the whole GiB.
    await fetch(`${server.url}/warm-up`, { method: "PUT", body: ones(GiB), duplex: "half" } as RequestInit).then((r) =>
      r.json(),
    );
    const client = createOicClient({ instanceUrl: server.url, auth: auth(server.url) });
    let produced = 0;
    const growth = await peakGrowth(async (sample) => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (produced >= GiB) return controller.close();
            produced += CHUNK;
            controller.enqueue(new Uint8Array(CHUNK).fill(3));
            sample(CHUNK);
          },
        },
        { highWaterMark: 2 },
      );
      expect(await upload(client, { path: { id: "big" }, body })).toEqual({ received: GiB });
    });
    expect(produced).toBe(GiB);
    expect(growth).toBeLessThan(MAX_GROWTH);
  });

  test("small binary answers: a Blob by default, a stream when asked, an empty stream for an empty answer", async () => {
    server.handle((_, res) =>
      res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(Buffer.from([1, 2, 3])),
    );
    const client = createOicClient({ instanceUrl: server.url });
    const blob = await download(client, { path: { id: "a" } });
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    expect([
      ...new Uint8Array(await new Response(await download(client, { path: { id: "a" }, stream: true })).arrayBuffer()),
    ]).toEqual([1, 2, 3]);
    server.handle((_, res) => res.writeHead(200, { "Content-Length": "0" }).end());
    expect(
      (await new Response(await download(client, { path: { id: "a" }, stream: true })).arrayBuffer()).byteLength,
    ).toBe(0);
  });

  test("a 401 to a streamed body is final: the body was not copied, so it is not replayed", async () => {
    server.handle((req, res) => {
      req.resume();
      req.on("end", () => json(res, 401, { title: "Unauthorized" }));
    });
    const start = server.seen.length;
    let renewals = 0;
    const client = createOicClient({
      instanceUrl: server.url,
      auth: {
        ...auth(server.url),
        handleUnauthorized: async () => {
          renewals++;
          return true;
        },
      },
    });
    const error = await upload(client, { path: { id: "s" }, body: ones(4 * CHUNK) }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(401);
    expect(server.seen.length - start).toBe(1);
    expect(renewals).toBe(0);
  });

  test("a streamed body is never retried: it can be read once only", async () => {
    server.handle((req, res) => {
      req.resume();
      req.on("end", () => json(res, 503, { title: "busy" }));
    });
    const start = server.seen.length;
    const client = createOicClient({ instanceUrl: server.url });
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        c.enqueue(new Uint8Array([1]));
        c.close();
      },
    });
    const error = await upload(client, { path: { id: "s" }, body }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(503);
    expect(server.seen.length - start).toBe(1);
  });
});
