/**
 * The pending-login stores: one use, a short TTL, and a bound per client that evicts that client's oldest
 * login without touching other clients'. Memory with an injected clock; Redis against a real redis-server.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  memoryPendingLoginStore,
  redisPendingLoginStore,
  type PendingLoginStore,
} from "../../runtime-redis/src/index.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

let redis: RedisServer;
let client: Awaited<ReturnType<RedisServer["client"]>>;
beforeAll(async () => {
  redis = await startRedis();
  client = await redis.client();
});
afterAll(async () => {
  await redis?.close();
});

interface Login {
  state: string;
}

async function behavesAsPendingStore(store: PendingLoginStore<Login>): Promise<void> {
  const id = await store.put("203.0.113.7", { state: "s1" });
  expect(await store.take(id)).toEqual({ state: "s1" });
  expect(await store.take(id)).toBeUndefined(); // one use
  expect(await store.take("not-an-id")).toBeUndefined();

  // A client past its bound loses its own oldest logins; another client's stay.
  const other = await store.put("198.51.100.1", { state: "other" });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await store.put("203.0.113.7", { state: `flood-${i}` }));
  expect(await store.take(ids[0]!)).toBeUndefined();
  expect(await store.take(ids[1]!)).toBeUndefined();
  expect(await store.take(ids[2]!)).toEqual({ state: "flood-2" });
  expect(await store.take(ids[4]!)).toEqual({ state: "flood-4" });
  expect(await store.take(other)).toEqual({ state: "other" });
}

describe("memoryPendingLoginStore", () => {
  test("one use, bounded per client, other clients untouched", async () => {
    await behavesAsPendingStore(memoryPendingLoginStore<Login>({ maxPerClient: 3 }));
  });

  test("expires after its TTL; a flood from many clients is bounded in all", async () => {
    let now = 1_000_000;
    const store = memoryPendingLoginStore<Login>({ ttlMs: 600_000, maxTotal: 100, now: () => now });
    const id = await store.put("a", { state: "late" });
    now += 600_001;
    expect(await store.take(id)).toBeUndefined();
    for (let i = 0; i < 1_000; i++) await store.put(`client-${i}`, { state: String(i) });
    expect(store.size).toBe(100);
    now += 600_001;
    await store.put("b", { state: "fresh" });
    expect(store.size).toBe(1); // the expired ones are swept
  });
});

describe("redisPendingLoginStore", () => {
  test("one use, bounded per client, other clients untouched", async () => {
    await behavesAsPendingStore(
      redisPendingLoginStore<Login>({ client, prefix: `t${randomBytes(3).toString("hex")}:`, maxPerClient: 3 }),
    );
  });

  test("keys carry the TTL; encrypted values hold no secret in clear; an id from another client's index is not found", async () => {
    const prefix = `t${randomBytes(3).toString("hex")}:`;
    const store = redisPendingLoginStore<Login>({
      client,
      prefix,
      ttlMs: 60_000,
      encryption: { keys: [{ id: "k", key: randomBytes(32) }] },
    });
    const id = await store.put("203.0.113.9", { state: "verifier-secret-value" });
    const keys = await client.keys(`${prefix}*`);
    expect(keys).toHaveLength(2); // the login and the client's index
    for (const key of keys) {
      const ttl = await client.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    const value = await client.get(keys.find((k) => k.split(":").length === 4)!);
    expect(value).not.toContain("verifier-secret-value");
    const [, own] = id.split(".");
    expect(await store.take(`${"A".repeat(16)}.${own}`)).toBeUndefined();
    expect(await store.take(id)).toEqual({ state: "verifier-secret-value" });
    expect(await client.keys(`${prefix}*`)).toEqual([]);
  });
});
