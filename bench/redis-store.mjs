// Redis token store benchmark: per-call overhead with a valid token (memory store vs Redis store: the hot path
// must not touch Redis, and the Redis commands sent while calling are counted to show it), then refresh latency
// under contention: 3 "replicas" (auth objects with their own Redis connections) and 500 concurrent calls on an
// expired token, memory vs Redis, with the token requests counted (must be 1).
//
//   npm run build && node bench/redis-store.mjs        (ROUNDS=9 CALLS=2000; REDIS_SERVER=path to change the server)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@redis/client";
import { authorizationCode, createOicClient, invoke, memoryTokenStore } from "../runtime/dist/index.js";
import { redisTokenStore } from "../runtime-redis/dist/index.js";

const getOrder$ = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{orderId}",
  accept: "application/json",
  responseAs: "json",
};
const getOrder = (client, options) => invoke(client, getOrder$, options);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}`, port: server.address().port }),
    ),
  );
}

async function freePort() {
  const { server, port } = await listen(() => undefined);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), "oic-bench-redis-"));
  const port = await freePort();
  const child = spawn(
    process.env.REDIS_SERVER ?? "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function tokens(expiresIn) {
  const now = Date.now();
  return {
    version: 1,
    accessToken: `bench-access-${now}`,
    tokenType: "Bearer",
    receivedAt: now - 1000,
    expiresAt: now + expiresIn * 1000,
    refreshToken: "bench-refresh-token",
  };
}

function authFor(idpUrl, store) {
  return authorizationCode({
    endpoints: { authorization: `${idpUrl}/authorize`, token: `${idpUrl}/token` },
    allowInsecureRequests: true,
    clientId: "bench",
    clientSecret: "bench-secret",
    scope: "bench-scope",
    redirectUri: "http://127.0.0.1:8765/callback",
    login: "none",
    store,
  });
}

async function commandCalls(client) {
  const info = await client.info("commandstats");
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

export async function main({
  rounds = Number(process.env.ROUNDS ?? 9),
  calls = Number(process.env.CALLS ?? 2000),
  log = console.log,
} = {}) {
  const redis = await startRedis();
  const clients = [];
  const connect = async () => {
    const client = await createClient({ url: redis.url })
      .on("error", () => undefined)
      .connect();
    clients.push(client);
    return client;
  };
  const body = JSON.stringify({ orderId: "42", status: "OPEN" });
  const { server: api, url: instanceUrl } = await listen((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
  let tokenRequests = 0;
  const { server: idp, url: idpUrl } = await listen((req, res) => {
    tokenRequests += 1;
    req.resume();
    req.on("end", () =>
      setTimeout(() => {
        res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
        res.end(
          JSON.stringify({
            access_token: `renewed-${tokenRequests}`,
            token_type: "Bearer",
            expires_in: 3600,
            refresh_token: `rotated-${tokenRequests}`,
          }),
        );
      }, 20),
    );
  });

  try {
    const [redisClient, statsClient] = await Promise.all([connect(), connect()]);
    const redisStore = redisTokenStore({ client: redisClient, user: "bench-hot" });
    await redisStore.save(tokens(3600));
    const variants = {
      "memory store": createOicClient({ instanceUrl, auth: authFor(idpUrl, memoryTokenStore(tokens(3600))) }),
      "Redis store": createOicClient({ instanceUrl, auth: authFor(idpUrl, redisStore) }),
    };
    const names = Object.keys(variants);
    for (const name of names) for (let i = 0; i < 300; i++) await getOrder(variants[name], { path: { orderId: "42" } });
    const before = await commandCalls(statsClient);
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        const started = process.hrtime.bigint();
        for (let i = 0; i < calls; i++) await getOrder(variants[name], { path: { orderId: "42" } });
        samples[name].push(Number(process.hrtime.bigint() - started) / 1000 / calls);
      }
    }
    // Minus our own INFO call.
    const hotCommands = (await commandCalls(statsClient)) - before - 1;
    const med = Object.fromEntries(names.map((n) => [n, median(samples[n])]));
    const hotRatio = med["Redis store"] / med["memory store"];
    log(
      `\nRedis token store, per call with a valid token (median of ${rounds} interleaved rounds x ${calls} sequential calls)`,
    );
    for (const name of names) log(`  ${name.padEnd(14)} ${med[name].toFixed(1).padStart(7)} us/call`);
    log(
      `  ratio Redis/memory ${hotRatio.toFixed(3)}x; Redis commands sent during ${rounds * calls} Redis-store calls: ${hotCommands} ${hotCommands === 0 ? "OK (hot path does not touch Redis)" : "EXPECTED 0"}`,
    );

    // Refresh under contention: 3 auth objects (as 3 replicas) and 500 concurrent calls on an expired token.
    const contention = async (label, storesFor) => {
      const latencies = [];
      let requests = 0;
      for (let round = 0; round < rounds; round++) {
        tokenRequests = 0;
        const stores = await storesFor(round);
        const auths = stores.map((store) => createOicClient({ instanceUrl, auth: authFor(idpUrl, store) }));
        const started = performance.now();
        await Promise.all(
          Array.from({ length: 500 }, (_, i) => getOrder(auths[i % 3], { path: { orderId: String(i) } })),
        );
        latencies.push(performance.now() - started);
        requests = Math.max(requests, tokenRequests);
      }
      return { label, ms: median(latencies), requests };
    };
    const memory = await contention("memory store (one process)", async () => {
      const shared = memoryTokenStore(tokens(-60));
      return [shared, shared, shared];
    });
    const replicaClients = await Promise.all([connect(), connect(), connect()]);
    const inRedis = await contention("Redis store (3 connections)", async (round) => {
      const user = `bench-contention-${round}`;
      await redisTokenStore({ client: redisClient, user }).save(tokens(-60));
      return replicaClients.map((client) => redisTokenStore({ client, user }));
    });
    log(
      `\nRefresh under contention: 500 concurrent calls over 3 auth objects, expired token, 20 ms token endpoint (median of ${rounds})`,
    );
    for (const row of [memory, inRedis])
      log(
        `  ${row.label.padEnd(28)} ${row.ms.toFixed(1).padStart(7)} ms to answer all 500, ${row.requests} token request(s) ${row.requests === 1 ? "OK" : "EXPECTED 1"}`,
      );
    log(`  ratio Redis/memory ${(inRedis.ms / memory.ms).toFixed(2)}x`);
    return { hotRatio, hotCommands, memory, redis: inRedis };
  } finally {
    for (const client of clients) client.destroy();
    await new Promise((resolve) => api.close(resolve));
    await new Promise((resolve) => idp.close(resolve));
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await main();
  if (result.hotCommands !== 0 || result.memory.requests !== 1 || result.redis.requests !== 1) process.exitCode = 1;
}
