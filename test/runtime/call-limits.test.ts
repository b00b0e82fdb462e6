import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createOicClient,
  invoke,
  OIC_ABORTED,
  OIC_HTTP_ERROR,
  OIC_UNREACHABLE,
  type OicError,
  type AttemptEvent,
  type Clock,
  type OicAuth,
  type OicClientOptions,
  type OperationDescriptor,
} from "../../runtime/src/index.js";
import { closedPort, json, startScriptedServer, type ScriptedServer } from "../support/scripted-server.js";

const getThing$: OperationDescriptor = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/THINGS/1.0/things/{id}",
  accept: "application/json",
  responseAs: "json",
};
const postThing$: OperationDescriptor = {
  method: "POST",
  path: "/ic/api/integration/v1/flows/rest/THINGS/1.0/things",
  requestType: "application/json",
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

/** A clock that advances instantly and records every wait: retry waits cost no real time. */
function fakeClock(): Clock & { waits: number[] } {
  let now = 1_700_000_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** Answers the scripted statuses in order (then 200), with optional headers per answer. */
function answers(...script: Array<[number, Record<string, string>?]>) {
  let i = 0;
  server.handle((_req, res) => {
    const [status, headers] = script[i++] ?? [200];
    json(
      res,
      status,
      status === 200 ? { ok: true, attempt: i } : { title: `HTTP ${status}`, errorCode: String(status) },
      headers,
    );
  });
}

function client(extra: Partial<OicClientOptions> = {}) {
  const events: AttemptEvent[] = [];
  const clock = fakeClock();
  const oic = createOicClient({ instanceUrl: server.url, clock, onAttempt: (e) => events.push(e), ...extra });
  return { oic, events, clock };
}

const requestsFrom = (start: number) => server.seen.length - start;

describe("retries", () => {
  test("429 with Retry-After: waits exactly what the server asked, then succeeds; each attempt is reported", async () => {
    answers([429, { "Retry-After": "7" }]);
    const { oic, events, clock } = client();
    const start = server.seen.length;
    expect(await invoke(oic, getThing$, { path: { id: "1" } })).toEqual({ ok: true, attempt: 2 });
    expect(requestsFrom(start)).toBe(2);
    expect(clock.waits).toEqual([7000]);
    for (const { durationMs } of events) expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(events.map(({ durationMs: _, ...rest }) => rest)).toEqual([
      { operation: `GET ${getThing$.path}`, attempt: 1, status: 429, error: OIC_HTTP_ERROR, retryInMs: 7000 },
      { operation: `GET ${getThing$.path}`, attempt: 2, status: 200 },
    ]);
  });

  test("Retry-After as an HTTP date is honoured too", async () => {
    const { oic, clock } = client();
    answers([503, { "Retry-After": new Date(clock.now() + 4000).toUTCString() }]);
    await invoke(oic, getThing$, { path: { id: "1" } });
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeGreaterThan(2900);
    expect(clock.waits[0]).toBeLessThanOrEqual(4000);
  });

  test("502/503/504 back off exponentially with jitter and stop after `retries`, with the last answer as the error", async () => {
    answers([502], [503], [504], [503]);
    const { oic, clock, events } = client({ retry: { retries: 3, baseDelayMs: 100 } });
    const start = server.seen.length;
    const error = (await invoke(oic, getThing$, { path: { id: "1" } }).catch((e: unknown) => e)) as OicError & {
      status: number;
    };
    expect(error.code).toBe(OIC_HTTP_ERROR);
    expect(error.status).toBe(503);
    expect(requestsFrom(start)).toBe(4);
    // random() is 0.5: half of 100, 200, 400.
    expect(clock.waits).toEqual([50, 100, 200]);
    expect(events.at(-1)?.retryInMs).toBeUndefined();
  });

  test("a wait beyond maxElapsedMs is not taken: the 429 is returned at once", async () => {
    answers([429, { "Retry-After": "600" }]);
    const { oic, clock } = client();
    const start = server.seen.length;
    const error = (await invoke(oic, getThing$, { path: { id: "1" } }).catch((e: unknown) => e)) as OicError & {
      status: number;
    };
    expect(error.status).toBe(429);
    expect(requestsFrom(start)).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  test("POST is not retried by default; it is when asked, per call or per client", async () => {
    answers([503]);
    const start = server.seen.length;
    const error = (await invoke(client().oic, postThing$, { body: { a: 1 } }).catch((e: unknown) => e)) as OicError;
    expect(error.code).toBe(OIC_HTTP_ERROR);
    expect(requestsFrom(start)).toBe(1);

    answers([503]);
    expect(await invoke(client().oic, postThing$, { body: { a: 1 }, retry: { nonIdempotent: true } })).toEqual({
      ok: true,
      attempt: 2,
    });
    answers([429]);
    expect(await invoke(client({ retry: { nonIdempotent: true } }).oic, postThing$, { body: { a: 1 } })).toEqual({
      ok: true,
      attempt: 2,
    });
  });

  test("`retry: false` turns retries off for a call", async () => {
    answers([503]);
    const start = server.seen.length;
    await invoke(client().oic, getThing$, { path: { id: "1" }, retry: false }).catch(() => undefined);
    expect(requestsFrom(start)).toBe(1);
  });

  test("a refused connection is retried, then reported as OIC_UNREACHABLE", async () => {
    const port = await closedPort();
    const { oic, events, clock } = client({ instanceUrl: `http://127.0.0.1:${port}` });
    const error = (await invoke(oic, getThing$, { path: { id: "1" } }).catch((e: unknown) => e)) as OicError;
    expect(error.code).toBe(OIC_UNREACHABLE);
    expect(events.map((e) => [e.attempt, e.error, e.status])).toEqual([
      [1, OIC_UNREACHABLE, undefined],
      [2, OIC_UNREACHABLE, undefined],
      [3, OIC_UNREACHABLE, undefined],
    ]);
    expect(clock.waits).toEqual([250, 500]);
  });

  test("a 4xx other than 429 is never retried", async () => {
    answers([400]);
    const start = server.seen.length;
    await invoke(client().oic, getThing$, { path: { id: "1" } }).catch(() => undefined);
    expect(requestsFrom(start)).toBe(1);
  });
});

describe("hooks", () => {
  test("the hook never sees a token, and a hook that throws does not change the call", async () => {
    const token = "Bearer hook-must-not-see-this-token";
    const auth: OicAuth = { instanceUrl: server.url, getAuthorization: async () => token };
    answers([200]);
    const seen: string[] = [];
    const oic = createOicClient({
      instanceUrl: server.url,
      auth,
      onAttempt: (e) => {
        seen.push(JSON.stringify(e));
        throw new Error("observer failure");
      },
    });
    expect(await invoke(oic, getThing$, { path: { id: "secret-order-id" } })).toEqual({ ok: true, attempt: 1 });
    expect(server.seen.at(-1)?.authorization).toBe(token);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain("hook-must-not-see-this-token");
    expect(seen[0]).not.toContain("secret-order-id");
  });
});

describe("a bound on concurrent calls", () => {
  /** A fetch that counts requests whose headers have not arrived yet. */
  function countingFetch() {
    const counts = { inFlight: 0, peak: 0 };
    const fetchImpl: typeof fetch = async (input, init) => {
      counts.inFlight += 1;
      counts.peak = Math.max(counts.peak, counts.inFlight);
      try {
        return await fetch(input, init);
      } finally {
        counts.inFlight -= 1;
      }
    };
    return { counts, fetchImpl };
  }

  test("maxConcurrent: 3 keeps 10 calls to 3 in flight, and all complete", async () => {
    // Answers on the next turn of the event loop, so that calls started together overlap.
    server.handle((_, res) => void setImmediate(() => json(res, 200, { ok: true })));
    const { counts, fetchImpl } = countingFetch();
    const oic = createOicClient({ instanceUrl: server.url, fetch: fetchImpl, maxConcurrent: 3 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => invoke(oic, getThing$, { path: { id: String(i) } })),
    );
    expect(results).toHaveLength(10);
    expect(counts.peak).toBe(3);
    expect(oic.settings.limiter?.active).toBe(0);

    // The same calls without the bound do overlap more: the counter above can see it.
    const free = countingFetch();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        invoke(createOicClient({ instanceUrl: server.url, fetch: free.fetchImpl }), getThing$, {
          path: { id: String(i) },
        }),
      ),
    );
    expect(free.counts.peak).toBeGreaterThan(3);
  });

  test("a queued call can be aborted, and its slot is not lost", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.handle(async (_, res) => {
      await held;
      json(res, 200, { ok: true });
    });
    const oic = createOicClient({ instanceUrl: server.url, maxConcurrent: 1 });
    const first = invoke(oic, getThing$, { path: { id: "1" } });
    const controller = new AbortController();
    const queued = invoke(oic, getThing$, { path: { id: "2" }, signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(((await queued) as OicError).code).toBe(OIC_ABORTED);
    release();
    await first;
    expect(await invoke(oic, getThing$, { path: { id: "3" } })).toEqual({ ok: true });
  });
});
