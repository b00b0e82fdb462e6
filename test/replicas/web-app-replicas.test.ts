/**
 * examples/web-app as several replicas (separate processes) behind its round-robin proxy, with sessions, logins in
 * progress and tokens in a real redis-server (AOF on), against the sandbox, signed into with headless Chromium:
 *
 * - a sign-in started on replica A finishes through the proxy and calls on replica B run as that user;
 * - after the access token expires, 500 concurrent calls over 3 replicas cause exactly one token request;
 * - the replica holding the lock is killed (SIGKILL) mid-refresh: the others go on (still signed in, or a clean
 *   login-required when the refresh answer died with it), and the record is never corrupt;
 * - Redis restarted (AOF): sessions survive; Redis stopped: typed errors in bounded time, recovery after;
 * - 20,000 anonymous GET /login over the replicas: Redis keys stay bounded; a real sign-in still works; 2,000 in one
 *   process without Redis: the logins in progress in memory stay bounded.
 *
 * The app is built from examples/web-app/src into test/.tmp (its own copy: the examples test builds the
 * example's folder at the same time); replicas run test/replicas/fixtures/replica.mjs (the app plus a crash point).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StoredTokens } from "../../runtime/src/index.js";
import { redisTokenStore } from "../../runtime-redis/src/index.js";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { fillSignIn, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/environment.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILD = join(ROOT, "test/.tmp/replicas-web-app");
const BUILT_APP = join(BUILD, "dist");
const REPLICA = fileURLToPath(new URL("./fixtures/replica.mjs", import.meta.url));
const KEY = { id: "k1", key: randomBytes(32) };
const GET_ORDER_42 = "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders/42";

interface ReplicaSet {
  proxy: import("node:http").Server;
  replicas: { name: string; url: string; child: import("node:child_process").ChildProcess; alive: boolean }[];
  stop(): Promise<void>;
}

let redis: RedisServer;
let raw: Awaited<ReturnType<RedisServer["client"]>>;
let sandbox: Sandbox;
let browser: Browser;
let proxyPort: number;
let publicUrl: string;
let startReplicas: (options: {
  script: string;
  count: number;
  port: number;
  host: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}) => Promise<ReplicaSet>;
const output: string[] = [];
/** The replica set that is running, if any, and the settings it was started with (see fleet()). */
let running: { set: ReplicaSet; settings: string } | undefined;

/** Stops the running replica set, if any. */
async function stopFleet(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.set.stop();
}

/** A private copy of the example, generated and compiled the way its `npm run build` does. */
async function buildApp(): Promise<void> {
  await rm(BUILD, { recursive: true, force: true });
  await mkdir(BUILD, { recursive: true });
  const src = join(ROOT, "examples/web-app/src");
  for (const name of await readdir(src)) if (name.endsWith(".ts")) await cp(join(src, name), join(BUILD, "src", name));
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, "generator/bin/oic-gen.js"), join(ROOT, "specs"), "--out", join(BUILD, "src/oic"), "--quiet"],
    { cwd: BUILD },
  );
  await writeFile(
    join(BUILD, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.base.json",
      compilerOptions: {
        rootDir: "src",
        outDir: "dist",
        composite: false,
        declaration: false,
        sourceMap: false,
        lib: ["ES2023", "DOM", "DOM.Iterable"],
      },
      include: ["src"],
    }),
  );
  await promisify(execFile)(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", BUILD]);
}

beforeAll(async () => {
  // Children import runtime/ and runtime-redis/ dist: make them match the sources under test.
  await promisify(execFile)(process.execPath, [
    join(ROOT, "node_modules/typescript/bin/tsc"),
    "-b",
    join(ROOT, "runtime-redis"),
  ]);
  await buildApp();
  ({ startReplicas } = (await import(pathToFileURL(join(BUILT_APP, "replicas.js")).href)) as {
    startReplicas: typeof startReplicas;
  });
  proxyPort = await freePort();
  publicUrl = `http://127.0.0.1:${proxyPort}`;
  [redis, sandbox, browser] = await Promise.all([
    startRedis({ aof: true }),
    startSandbox({ specs: [join(ROOT, "specs")], redirectUris: [`${publicUrl}/callback`] }),
    launchBrowser(),
  ]);
  raw = await redis.client();
}, 180_000);

afterAll(async () => {
  await stopFleet();
  await browser?.close().catch(() => undefined);
  await sandbox?.close();
  await redis?.close();
});

/**
 * Three (or `count`) replica processes behind the example's proxy on `publicUrl`. Tests that need plain replicas
 * share them (each signs in its own user, so Redis holds separate sessions): starting three Node processes costs
 * a second of CPU. A set with a killed replica or other settings is stopped and started anew.
 */
async function fleet(count = 3, extra: Record<string, string> = {}): Promise<ReplicaSet> {
  const settings = JSON.stringify({ count, extra });
  if (running?.settings === settings && running.set.replicas.every((replica) => replica.alive)) return running.set;
  await stopFleet();
  const set = await startReplicas({
    script: REPLICA,
    count,
    port: proxyPort,
    host: "127.0.0.1",
    log: (line) => output.push(line),
    env: {
      PATH: process.env.PATH,
      BUILT_APP,
      OIC_URL: sandbox.instanceUrl,
      OIC_DOMAIN_URL: sandbox.identityDomain.url,
      OIC_CLIENT_ID: sandbox.identityDomain.clientId,
      OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
      PUBLIC_URL: publicUrl,
      REDIS_URL: redis.url,
      TOKEN_ENCRYPTION_KEYS: `${KEY.id}:${KEY.key.toString("base64")}`,
      REDIS_LOCK_TTL_MS: "1500",
      ...extra,
    },
  });
  running = { set, settings };
  return set;
}

/** Signs `user` in with Chromium, starting at `loginUrl` (a replica's /login); resolves the session cookie. */
async function signIn(context: BrowserContext, user: "alice" | "bob", loginUrl: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(loginUrl);
  expect(new URL(page.url()).origin).toBe(new URL(sandbox.identityDomain.url).origin);
  await fillSignIn(
    page,
    user,
    sandbox.identityDomain.users[user]!,
    (u) => u.origin === publicUrl && u.pathname === "/",
  );
  expect(await page.locator("#user").innerText()).toBe(user);
  await page.close();
  const sid = (await context.cookies(publicUrl)).find((c) => c.name === "sid")?.value;
  expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return sid!;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One GET with an optional session cookie; `error` instead of an answer when the connection dies. */
function get(
  url: string,
  options: { sid?: string; agent?: Agent; localAddress?: string } = {},
): Promise<Answer | { error: string }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        agent: options.agent,
        localAddress: options.localAddress,
        headers: options.sid ? { Cookie: `sid=${options.sid}` } : {},
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", (error) => resolve({ error: error.message }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

const oicUserOf = (answer: Answer) => /<strong id="oic-user">([^<]*)<\/strong>/.exec(answer.body)?.[1];

/** The token store of a session, as the replicas see it (same key, binding and encryption key). */
function storeOf(sid: string) {
  return redisTokenStore({
    client: raw,
    user: sid,
    binding: `${sandbox.identityDomain.clientId} ${sandbox.instanceUrl}`,
    encryption: { keys: [KEY] },
  });
}

/** Makes the stored access token expired, as if its hour had passed (the refresh token stays valid). */
async function expireAccessToken(sid: string): Promise<StoredTokens> {
  const store = storeOf(sid);
  const stored = await store.load();
  expect(stored?.refreshToken).toBeDefined();
  const expired = { ...stored!, receivedAt: Date.now() - 3_600_000, expiresAt: Date.now() - 1_000 };
  await store.save(expired);
  return expired;
}

describe("sessions and tokens shared through Redis", () => {
  test("a sign-in started on replica A finishes through the proxy; calls on replica B run as that user; nothing secret is stored in clear", async () => {
    const set = await fleet(3);
    const [a, b] = set.replicas;
    const context = await browser.newContext();
    try {
      sandbox.identityDomain.resetCounters();
      const sid = await signIn(context, "alice", `${a!.url}/login`);
      const before = sandbox.calls.length;
      const answer = (await get(`${b!.url}/orders/42`, { sid })) as Answer;
      expect(answer.status).toBe(200);
      expect(answer.headers["x-replica"]).toBe(b!.name);
      expect(oicUserOf(answer)).toBe("alice");
      expect(sandbox.calls.slice(before).map((c) => [c.path, c.user, c.status])).toEqual([
        [GET_ORDER_42, "alice", 200],
      ]);
      expect(sandbox.identityDomain.tokenRequests).toEqual({ total: 1, byGrant: { authorization_code: 1 } });
      // Every replica serves the session; the proxy spreads requests over them.
      const served = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const each = (await get(`${publicUrl}/orders/42`, { sid })) as Answer;
        expect(oicUserOf(each)).toBe("alice");
        served.add(String(each.headers["x-replica"]));
      }
      expect([...served].sort()).toEqual(["1", "2", "3"]);
      // Redis holds refresh tokens and PKCE verifiers only encrypted.
      const dump: string[] = [];
      for (const key of await raw.keys("*")) {
        const type = await raw.type(key);
        if (type === "string") dump.push((await raw.get(key)) ?? "");
        if (type === "hash") dump.push(...Object.values(await raw.hGetAll(key)));
      }
      expect(dump.length).toBeGreaterThan(0);
      for (const secret of sandbox.identityDomain.issuedSecrets) expect(dump.join("\n")).not.toContain(secret);
    } finally {
      await context.close();
    }
  });

  test("after the access token expires, 500 concurrent calls over 3 replica processes make exactly one token request", async () => {
    const set = await fleet(3);
    const context = await browser.newContext();
    try {
      const sid = await signIn(context, "bob", `${publicUrl}/login`);
      const expired = await expireAccessToken(sid);
      sandbox.identityDomain.resetCounters();
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      const answers = await Promise.all(
        Array.from({ length: 500 }, (_, i) => get(`${set.replicas[i % 3]!.url}/orders/42`, { sid, agent })),
      );
      agent.destroy();
      const users = answers.map((answer) =>
        "error" in answer ? answer.error : `${answer.status} ${oicUserOf(answer)}`,
      );
      expect(new Set(users)).toEqual(new Set(["200 bob"]));
      // One refresh for the whole fleet: no refresh token was presented twice.
      expect(sandbox.identityDomain.tokenRequests).toEqual({ total: 1, byGrant: { refresh_token: 1 } });
      const renewed = await storeOf(sid).load();
      expect(renewed?.refreshToken).toBeDefined();
      expect(renewed?.refreshToken).not.toBe(expired.refreshToken);
      expect(renewed!.expiresAt!).toBeGreaterThan(Date.now());
    } finally {
      await context.close();
    }
  });
});

// Right after the tests above, so that the flood over the replicas runs on the set they started (see fleet()).
describe("a flood of anonymous GET /login", () => {
  const FLOOD = 20_000;

  async function flood(urls: string[], count = FLOOD): Promise<number[]> {
    const agent = new Agent({ keepAlive: true, maxSockets: 32, localAddress: "127.0.0.2" } as ConstructorParameters<
      typeof Agent
    >[0]);
    const statuses: number[] = [];
    let sent = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (sent < count) {
          const url = urls[sent++ % urls.length]!;
          const answer = await get(`${url}/login`, { agent });
          statuses.push("error" in answer ? 0 : answer.status);
        }
      }),
    );
    agent.destroy();
    return statuses;
  }

  test("over the replicas: Redis keys stay bounded, and a real sign-in during the flood works", async () => {
    const set = await fleet(3);
    const before = await raw.dbSize();
    const context = await browser.newContext();
    try {
      const [statuses, sid] = await Promise.all([
        flood(set.replicas.map((r) => r.url)),
        signIn(context, "alice", `${set.replicas[2]!.url}/login`),
      ]);
      expect(statuses).toHaveLength(FLOOD);
      expect(new Set(statuses)).toEqual(new Set([303]));
      const answer = (await get(`${set.replicas[0]!.url}/orders/42`, { sid })) as Answer;
      expect(oicUserOf(answer)).toBe("alice");
      // The flooder holds at most 10 logins in progress (plus its index); nothing else was created for it.
      const pending = await raw.keys("oic:login:*");
      expect(pending.length).toBeLessThanOrEqual(11);
      expect((await raw.dbSize()) - before).toBeLessThanOrEqual(11 + 2); // + alice's session and tokens
      for (const key of pending) expect(await raw.pTTL(key)).toBeLessThanOrEqual(600_000);
    } finally {
      await context.close();
    }
  });

  test("in one process without Redis: pending logins and sessions in memory stay bounded", async () => {
    const { createWebApp } = (await import(
      pathToFileURL(join(BUILT_APP, "app.js")).href
    )) as typeof import("../../examples/web-app/src/app.js");
    // The domain must come from the runtime module the built app imports (identityDomain() brands its objects).
    const { identityDomain } = (await import(
      pathToFileURL(join(ROOT, "runtime/dist/index.js")).href
    )) as typeof import("../../runtime/src/index.js");
    const port = await freePort();
    const app = createWebApp({
      domain: identityDomain({
        domainUrl: sandbox.identityDomain.url,
        clientId: sandbox.identityDomain.clientId,
        clientSecret: sandbox.identityDomain.clientSecret,
        allowInsecureRequests: true,
      }),
      instanceUrl: sandbox.instanceUrl,
      publicUrl: `http://127.0.0.1:${port}`,
    });
    await new Promise<void>((resolve) => app.server.listen(port, "127.0.0.1", resolve));
    try {
      // The bound is a count (10 in progress), so 200 times it shows the same as the 20,000 sent over Redis
      // above, where keys could pile up across processes; here they would pile up in this one.
      const statuses = await flood([`http://127.0.0.1:${port}`], 2_000);
      expect(statuses).toHaveLength(2_000);
      expect(new Set(statuses)).toEqual(new Set([303]));
      const pending = app.stores.pendingLogins as unknown as { size: number };
      expect(pending.size).toBeLessThanOrEqual(10);
      expect((app.stores.sessions as unknown as { size: number }).size).toBe(0);
    } finally {
      app.server.close();
      app.server.closeAllConnections();
    }
  });
});

describe("a replica killed mid-refresh", () => {
  /** Signs in, expires the token, then sends one call to each replica at once; one of them crashes while refreshing. */
  async function crashDuringRefresh(mode: "before" | "after") {
    const marker = join(BUILD, `crash-${mode}-${randomBytes(4).toString("hex")}`);
    const set = await fleet(3, { CRASH_ON_REFRESH: mode, CRASH_MARKER: marker });
    const context = await browser.newContext();
    try {
      const sid = await signIn(context, "alice", `${publicUrl}/login`);
      const expired = await expireAccessToken(sid);
      sandbox.identityDomain.resetCounters();
      const answers = await Promise.all(set.replicas.map((r) => get(`${r.url}/orders/42`, { sid })));
      await expect.poll(() => set.replicas.filter((r) => !r.alive).length).toBe(1);
      const killed = set.replicas.find((r) => !r.alive)!;
      expect(killed.child.signalCode).toBe("SIGKILL");
      const died = answers.filter((answer) => "error" in answer);
      expect(died).toHaveLength(1); // the lock holder's own request
      return { sid, expired, set, survivors: answers.filter((answer): answer is Answer => !("error" in answer)) };
    } finally {
      await context.close();
    }
  }

  test("killed before its refresh request left: the others take over when its lock expires; the user stays signed in", async () => {
    const { sid, expired, survivors } = await crashDuringRefresh("before");
    expect(survivors.map((answer) => [answer.status, oicUserOf(answer)])).toEqual([
      [200, "alice"],
      [200, "alice"],
    ]);
    expect(sandbox.identityDomain.tokenRequests).toEqual({ total: 1, byGrant: { refresh_token: 1 } });
    const stored = await storeOf(sid).load();
    expect(stored?.refreshToken).toBeDefined();
    expect(stored?.refreshToken).not.toBe(expired.refreshToken);
  });

  test("killed after the domain answered (the rotated token died with it): the others get a clean login-required, the record is cleared, not corrupt", async () => {
    const { sid, survivors } = await crashDuringRefresh("after");
    for (const answer of survivors) {
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe("/login?returnTo=%2Forders%2F42");
    }
    // The lost answer's refresh, then one more with the spent token, refused: never a third.
    expect(sandbox.identityDomain.tokenRequests.byGrant.refresh_token).toBe(2);
    const store = storeOf(sid);
    expect(await store.load()).toBeUndefined();
    expect(await raw.exists(store.key)).toBe(0);
    // The session is over on every replica.
    const home = (await get(`${publicUrl}/`, { sid })) as Answer;
    expect(home.body).toContain("Not signed in.");
  });
});

describe("Redis restarted or down", () => {
  test("sessions survive a Redis restart (AOF); with Redis stopped pages fail with OIC_TOKEN_STORE_FAILED in bounded time; they recover when it returns", async () => {
    const set = await fleet(2);
    const context = await browser.newContext();
    try {
      const sid = await signIn(context, "bob", `${publicUrl}/login`);
      await redis.stop();
      try {
        for (const replica of set.replicas) {
          const started = Date.now();
          const answer = (await get(`${replica.url}/orders/42`, { sid })) as Answer;
          expect(answer.status).toBe(503);
          expect(answer.body).toContain(`<p id="error-code">OIC_TOKEN_STORE_FAILED</p>`);
          expect(Date.now() - started).toBeLessThan(3_000);
        }
      } finally {
        await redis.start();
      }
      await expect
        .poll(
          async () => {
            const answer = await get(`${set.replicas[1]!.url}/orders/42`, { sid });
            return "error" in answer ? answer.error : `${answer.status} ${oicUserOf(answer)}`;
          },
          { timeout: 15_000, interval: 200 },
        )
        .toBe("200 bob");
      const other = (await get(`${set.replicas[0]!.url}/orders/42`, { sid })) as Answer;
      expect(oicUserOf(other)).toBe("bob");
    } finally {
      await context.close();
    }
  });
});

describe("node dist/main.js --replicas", () => {
  test("starts N replicas behind the proxy and refuses --replicas without REDIS_URL", async () => {
    await stopFleet();
    const main = join(BUILT_APP, "main.js");
    const env = {
      PATH: process.env.PATH,
      OIC_URL: sandbox.instanceUrl,
      OIC_DOMAIN_URL: sandbox.identityDomain.url,
      OIC_CLIENT_ID: sandbox.identityDomain.clientId,
      OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
      PORT: String(proxyPort),
    };
    const refused = await promisify(execFile)(process.execPath, [main, "--replicas", "2"], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((refused as { code: number }).code).toBe(2);
    expect((refused as { stderr: string }).stderr).toContain("needs REDIS_URL");

    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [main, "--replicas", "2"], {
      env: { ...env, REDIS_URL: redis.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let printed = "";
    child.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    try {
      await expect.poll(() => printed, { timeout: 20_000 }).toContain("Listening on");
      expect(printed).toMatch(/^replica 1: http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)$/m);
      expect(printed).toMatch(/^replica 2: http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)$/m);
      expect(printed).not.toContain(redis.url);
      const served = [];
      for (let i = 0; i < 4; i++) served.push(((await get(`${publicUrl}/`)) as Answer).headers["x-replica"]);
      expect(served.sort()).toEqual(["1", "1", "2", "2"]);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      output.push(printed);
    }
  });
});

test("no replica printed a token, code or secret", () => {
  const printed = output.join("\n");
  expect(printed).not.toContain(sandbox.identityDomain.clientSecret);
  for (const secret of sandbox.identityDomain.issuedSecrets) expect(printed).not.toContain(secret);
  expect(printed).not.toMatch(/[?&]code=/);
});
