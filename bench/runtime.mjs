// Runtime overhead benchmark: per-call cost with a valid token against a loopback server, for plain
// fetch, openapi-fetch alone, and a generated-shape function through invoke + createOicClient + an auth
// mode; then the token-request count for 500 concurrent calls on an expired token (must be 1).
//
//   npm run build && node bench/runtime.mjs        (ROUNDS=9 CALLS=2000 to change the sample size)
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import { authorizationCode, createOicClient, invoke, memoryTokenStore } from "../runtime/dist/node.js";

const PATH = "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{orderId}";
const getOrder$ = { method: "GET", path: PATH, accept: "application/json", responseAs: "json" };
// Exactly what the generator emits for one operation.
const getOrder = (client, options) => invoke(client, getOrder$, options);

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

function close(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A token record as the runtime stores it; `expiresIn` in seconds (negative: already expired). */
function tokens(expiresIn) {
  const now = Date.now();
  return {
    version: 1,
    accessToken: "bench-access-token",
    tokenType: "Bearer",
    receivedAt: now - 1000,
    expiresAt: now + expiresIn * 1000,
    refreshToken: "bench-refresh-token",
  };
}

function authFor(tokenUrl, store, instanceUrl) {
  return authorizationCode({
    instanceUrl,
    endpoints: { authorization: `${tokenUrl}/authorize`, token: `${tokenUrl}/token` },
    allowInsecureRequests: true,
    clientId: "bench",
    clientSecret: "bench-secret",
    scope: "bench-scope",
    redirectUri: "http://127.0.0.1:8765/callback",
    login: "none",
    store,
  });
}

export async function main({
  rounds = Number(process.env.ROUNDS ?? 9),
  calls = Number(process.env.CALLS ?? 2000),
  log = console.log,
} = {}) {
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
    const header = "Bearer bench-access-token";
    const plainUrl = `${instanceUrl}/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/42`;
    const openapi = createClient({ baseUrl: instanceUrl });
    const oic = createOicClient({ instanceUrl, auth: authFor(idpUrl, memoryTokenStore(tokens(3600)), instanceUrl) });

    const variants = {
      "plain fetch": async () => {
        const res = await fetch(plainUrl, { headers: { Accept: "application/json", Authorization: header } });
        return res.json();
      },
      "openapi-fetch alone": async () => {
        const { data } = await openapi.GET(PATH, {
          params: { path: { orderId: "42" } },
          headers: { Accept: "application/json", Authorization: header },
        });
        return data;
      },
      "generated fn via runtime": () => getOrder(oic, { path: { orderId: "42" } }),
    };
    const names = Object.keys(variants);
    for (const name of names) for (let i = 0; i < 300; i++) await variants[name](); // warm-up, JIT and sockets

    const samples = Object.fromEntries(names.map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) {
      // Interleave and rotate the order so drift (GC, CPU frequency) hits every variant alike.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const run = variants[name];
        const started = process.hrtime.bigint();
        for (let i = 0; i < calls; i++) await run();
        samples[name].push(Number(process.hrtime.bigint() - started) / 1000 / calls);
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const med = Object.fromEntries(names.map((n) => [n, median(samples[n])]));
    const base = med["openapi-fetch alone"];
    log(
      `\nRuntime per-call overhead (valid token, loopback server; median of ${rounds} interleaved rounds x ${calls} sequential calls)`,
    );
    log(`  ${"variant".padEnd(26)} ${"us/call".padStart(9)} ${"vs openapi-fetch".padStart(17)}`);
    for (const name of names)
      log(
        `  ${name.padEnd(26)} ${med[name].toFixed(1).padStart(9)} ${`${(med[name] / base).toFixed(3)}x`.padStart(17)}`,
      );
    const ratio = med["generated fn via runtime"] / base;
    log(
      `  target: generated fn <= 1.05x openapi-fetch alone -> ${ratio.toFixed(3)}x ${ratio <= 1.05 ? "OK" : "OVER TARGET"}`,
    );

    // 500 concurrent calls on an expired token: exactly one token request.
    tokenRequests = 0;
    const expired = createOicClient({ instanceUrl, auth: authFor(idpUrl, memoryTokenStore(tokens(-60)), instanceUrl) });
    await Promise.all(Array.from({ length: 500 }, (_, i) => getOrder(expired, { path: { orderId: String(i) } })));
    log(
      `\n500 concurrent calls on an expired token -> ${tokenRequests} token request(s) ${tokenRequests === 1 ? "OK" : "EXPECTED 1"}`,
    );
    return { medians: med, ratio, tokenRequests };
  } finally {
    await close(api);
    await close(idp);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await main();
  if (result.tokenRequests !== 1) process.exitCode = 1;
}
