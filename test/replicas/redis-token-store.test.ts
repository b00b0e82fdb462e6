/**
 * redisTokenStore against a real redis-server: the cross-process lock (exclusive, renewed while held, bounded
 * wait, a crashed holder's lock expires), the guarded save (a holder whose lock expired cannot overwrite a newer
 * rotation), record TTL, encryption at rest with key rotation, typed errors when Redis is down and recovery,
 * records surviving a restart with AOF, and a hot path that does not touch Redis.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authorizationCode, type StoredTokens } from "../../runtime/src/index.js";
import {
  isRedisStoreError,
  redisTokenStore,
  type RedisStoreError,
  type RedisTokenStoreOptions,
} from "../../runtime-redis/src/index.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

let redis: RedisServer;
let raw: Awaited<ReturnType<RedisServer["client"]>>;
let client: Awaited<ReturnType<RedisServer["client"]>>;

beforeAll(async () => {
  redis = await startRedis({ aof: true });
  [raw, client] = await Promise.all([redis.client(), redis.client()]);
});
afterAll(async () => {
  await redis?.close();
});

const userId = () => `user-${randomBytes(6).toString("hex")}`;
const store = (user: string, extra: Partial<RedisTokenStoreOptions> = {}) =>
  redisTokenStore({ client, user, binding: "client-1 https://oic.example", lockTtlMs: 1_000, ...extra });

function tokens(label: string, expiresInS = 3600): StoredTokens {
  const now = Date.now();
  return {
    version: 1,
    accessToken: `access-${label}`,
    tokenType: "Bearer",
    receivedAt: now,
    expiresAt: now + expiresInS * 1000,
    refreshToken: `refresh-${label}`,
    binding: "b",
  };
}

describe("the lock", () => {
  test("two stores (two connections, as two replicas) never hold one user's lock at once", async () => {
    const user = userId();
    const [a, b] = [
      store(user),
      redisTokenStore({ client: raw, user, binding: "client-1 https://oic.example", lockTtlMs: 1_000 }),
    ];
    let inside = 0;
    let most = 0;
    const order: string[] = [];
    const task = (name: string) => async () => {
      inside += 1;
      most = Math.max(most, inside);
      order.push(name);
      await new Promise((resolve) => setImmediate(resolve));
      await client.ping();
      inside -= 1;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).lock(task(String(i)))));
    expect(most).toBe(1);
    expect(order).toHaveLength(20);
    expect(await raw.exists(`${a.key.slice(0, -":tokens".length)}:lock`)).toBe(0); // released
  });

  test("a holder is renewed while its task outlasts the TTL; the other waits for its release", async () => {
    const user = userId();
    // A TTL long enough that a renewal (every TTL/3) late by a busy machine's second still lands in time.
    const [a, b] = [store(user, { lockTtlMs: 1500 }), store(user, { lockTtlMs: 1500 })];
    const events: string[] = [];
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inA = new Promise<void>((resolve) => (entered = resolve));
    const first = a.lock(async () => {
      events.push("a in");
      entered();
      await holding;
      events.push("a out");
    });
    await inA;
    const second = b.lock(async () => {
      events.push("b in");
    });
    // More than one TTL (2 s) passes while a holds the lock: without renewal b would have got in.
    const lockKey = a.key.replace(/:tokens$/, ":lock");
    for (let i = 0; i < 4; i++) {
      const ttl = await raw.pTTL(lockKey);
      expect(ttl).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(events).toEqual(["a in"]);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["a in", "a out", "b in"]);
  });

  test("a process killed while holding the lock (SIGKILL) leaves a lock that expires; a waiter then gets it", async () => {
    const user = userId();
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL("./fixtures/crash-holding-lock.mjs", import.meta.url))],
      {
        env: { PATH: process.env.PATH, REDIS_URL: redis.url, USER_ID: user, LOCK_TTL_MS: "800" },
        stdio: ["ignore", "pipe", "pipe"],
        cwd: fileURLToPath(new URL("../../", import.meta.url)),
      },
    );
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    expect(exit, output).toBe("SIGKILL");
    expect(output).toContain("holding");
    const waiter = redisTokenStore({ client, user, lockTtlMs: 800 });
    const lockKey = waiter.key.replace(/:tokens$/, ":lock");
    expect(await raw.exists(lockKey)).toBe(1); // the dead holder's lock is still there
    const ran = await waiter.lock(async () => "got it");
    expect(ran).toBe("got it");
  });

  test("a lock held past lockTimeoutMs fails the waiter with a lock-timeout error in bounded time", async () => {
    const user = userId();
    const a = store(user, { lockTtlMs: 5_000 });
    const b = store(user, { lockTtlMs: 5_000, lockTimeoutMs: 400 });
    let release!: () => void;
    let entered!: () => void;
    const inA = new Promise<void>((resolve) => (entered = resolve));
    const holding = a.lock(async () => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await inA;
    const started = Date.now();
    const error = await b.lock(async () => "never").catch((e: unknown) => e);
    expect(isRedisStoreError(error, "lock-timeout")).toBe(true);
    expect((error as RedisStoreError).code).toBe("OIC_TOKEN_STORE_FAILED");
    expect(Date.now() - started).toBeLessThan(2_000);
    release();
    await holding;
  });
});

describe("the guarded save", () => {
  test("a holder whose lock expired cannot overwrite the newer rotation another replica saved; the refused record stays refused", async () => {
    const user = userId();
    const [a, b] = [store(user), store(user)];
    await a.save(tokens("1"));
    const stale = tokens("2-from-a");
    const lockKey = a.key.replace(/:tokens$/, ":lock");
    const outcome = await a
      .lock(async () => {
        expect((await a.load())?.accessToken).toBe("access-1");
        // Our lock expires (deleted here, as Redis would after its TTL), and replica b renews meanwhile.
        await raw.del(lockKey);
        await b.lock(async () => {
          expect((await b.load())?.accessToken).toBe("access-1");
          await b.save(tokens("2-from-b"));
        });
        await a.save(stale);
      })
      .catch((e: unknown) => e);
    expect(isRedisStoreError(outcome, "conflict")).toBe(true);
    expect((await b.load())?.refreshToken).toBe("refresh-2-from-b");
    // The session retries a save that failed; a refused record resolves without being written.
    await a.lock(async () => {
      await a.save(stale);
      expect((await a.load())?.refreshToken).toBe("refresh-2-from-b");
    });
  });

  test("while another replica holds the lock, a holder that lost it cannot save", async () => {
    const user = userId();
    const [a, b] = [store(user), store(user)];
    await a.save(tokens("1"));
    const lockKey = a.key.replace(/:tokens$/, ":lock");
    let release!: () => void;
    const outcome = await a
      .lock(async () => {
        await a.load();
        await raw.del(lockKey);
        let entered!: () => void;
        const inB = new Promise<void>((resolve) => (entered = resolve));
        void b.lock(async () => {
          entered();
          await new Promise<void>((resolve) => (release = resolve));
        });
        await inB;
        await a.save(tokens("2-from-a"));
      })
      .catch((e: unknown) => e);
    release();
    expect(isRedisStoreError(outcome, "conflict")).toBe(true);
    expect((await a.load())?.accessToken).toBe("access-1");
  });

  test("a save retried after it landed is recognised and not applied twice; a fresh sign-in replaces whatever is stored", async () => {
    const user = userId();
    const a = store(user);
    const first = tokens("1");
    await a.lock(async () => {
      await a.load();
      await a.save(first);
    });
    const rev = await raw.hGet(a.key, "rev");
    await a.lock(() => a.save(first)); // the session's retry of an "unsaved" record
    expect(await raw.hGet(a.key, "rev")).toBe(rev);
    await a.save(tokens("login")); // no read under the lock: a new sign-in, written whatever was there
    expect((await a.load())?.accessToken).toBe("access-login");
  });

  test("clear after a read keeps tokens another replica saved since; clear forgets its own", async () => {
    const user = userId();
    const [a, b] = [store(user), store(user)];
    await a.save(tokens("1"));
    await a.lock(async () => {
      await a.load();
      await raw.del(a.key.replace(/:tokens$/, ":lock"));
      await b.save(tokens("2"));
      await a.clear(); // e.g. invalid_grant for the refresh token a read: not for b's newer one
    });
    expect((await a.load())?.accessToken).toBe("access-2");
    await a.lock(async () => {
      await a.load();
      await a.clear();
    });
    expect(await a.load()).toBeUndefined();
    expect(await raw.exists(a.key)).toBe(0);
  });
});

describe("the record", () => {
  test("keys are per user and binding; the TTL follows the refresh token's lifetime, or the access token's without one", async () => {
    const user = userId();
    const one = store(user, { refreshTokenLifetimeMs: 3_600_000 });
    const other = store(user, { binding: "client-1 https://another.example" });
    expect(one.key).not.toBe(other.key);
    expect(one.key).toMatch(/^oic:\{user-[0-9a-f]+:[A-Za-z0-9_-]{16}\}:tokens$/);
    await one.save(tokens("1"));
    expect(await other.load()).toBeUndefined();
    const ttl = await raw.pTTL(one.key);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    const { refreshToken: _, ...noRefresh } = tokens("2", 120);
    await one.save(noRefresh as StoredTokens);
    const short = await raw.pTTL(one.key);
    expect(short).toBeGreaterThan(100_000);
    expect(short).toBeLessThanOrEqual(120_000);
  });

  test("encrypted at rest with the first key; older keys still decrypt; a record moved to another user's key does not", async () => {
    const [k1, k2] = [
      { id: "k1", key: randomBytes(32) },
      { id: "k2", key: randomBytes(32) },
    ];
    const user = userId();
    const old = store(user, { encryption: { keys: [k1] } });
    await old.save(tokens("secret"));
    const stored = (await raw.hGet(old.key, "data"))!;
    expect(stored).toMatch(/^a256gcm\.k1\./);
    expect(stored).not.toContain("access-secret");
    expect(stored).not.toContain("refresh-secret");
    // Rotation: k2 first, k1 kept to read what is stored; the next save re-encrypts with k2.
    const rotated = store(user, { encryption: { keys: [k2, k1] } });
    expect((await rotated.load())?.accessToken).toBe("access-secret");
    await rotated.save(tokens("again"));
    expect(await raw.hGet(rotated.key, "data")).toMatch(/^a256gcm\.k2\./);
    expect(await old.load()).toBeUndefined(); // k1 alone cannot read k2's record
    // Authenticated with the key name: copied under another user it reads as "no tokens".
    const victim = store(userId(), { encryption: { keys: [k2] } });
    await raw.hSet(victim.key, { rev: "x", data: (await raw.hGet(rotated.key, "data"))! });
    expect(await victim.load()).toBeUndefined();
    // A plain record planted while encryption is on is not trusted either.
    await raw.hSet(victim.key, { rev: "y", data: `json.${JSON.stringify(tokens("planted"))}` });
    expect(await victim.load()).toBeUndefined();
  });
});

describe("Redis down and back", () => {
  test("a valid token is served from memory: 1,000 calls send no command to Redis", async () => {
    const user = userId();
    const s = store(user);
    const { binding: _, ...unbound } = tokens("hot"); // a record without binding is accepted by any session
    await s.save(unbound as StoredTokens);
    const auth = authorizationCode({
      endpoints: { authorization: "http://127.0.0.1:9/a", token: "http://127.0.0.1:9/t" },
      allowInsecureRequests: true,
      clientId: "c",
      clientSecret: "s",
      scope: "x",
      redirectUri: "http://127.0.0.1:8765/callback",
      login: "none",
      store: s,
      instanceUrl: "http://127.0.0.1:9",
    });
    expect(await auth.getAuthorization()).toBe("Bearer access-hot"); // first call loads from Redis
    await raw.configResetStat();
    const before = await commandCount();
    for (let i = 0; i < 1_000; i++) expect(await auth.getAuthorization()).toBe("Bearer access-hot");
    // Only our own INFO calls: none from the store.
    expect((await commandCount()) - before).toBe(1);
  });

  test("with Redis stopped every operation fails with a typed error within the command deadline; it recovers when Redis returns, and records survive the restart (AOF)", async () => {
    const user = userId();
    const s = store(user, { commandTimeoutMs: 500, lockTimeoutMs: 2_000 });
    await s.save(tokens("before-restart"));
    await redis.stop();
    try {
      for (const operation of [
        () => s.load(),
        () => s.save(tokens("during")),
        () => s.clear(),
        () => s.lock(async () => "x"),
      ]) {
        const started = Date.now();
        const error = await operation().catch((e: unknown) => e);
        expect(isRedisStoreError(error, "unreachable"), String(error)).toBe(true);
        expect((error as Error).message).not.toContain("redis://");
        expect(Date.now() - started).toBeLessThan(1_500);
      }
    } finally {
      await redis.start();
    }
    await expect
      .poll(
        () =>
          s.load().then(
            (t) => t?.accessToken,
            () => "down",
          ),
        { timeout: 10_000, interval: 100 },
      )
      .toBe("access-before-restart");
    await s.save(tokens("after-restart"));
    expect((await s.load())?.accessToken).toBe("access-after-restart");
  });
});

async function commandCount(): Promise<number> {
  const info = await raw.info("commandstats");
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}
