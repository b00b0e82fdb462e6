import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { fileTokenStore, userCacheDir, type StoredTokens } from "../../runtime/src/node.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "oic-file-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tokens = (n: number): StoredTokens => ({
  version: 1,
  accessToken: `access-${n}`,
  tokenType: "Bearer",
  receivedAt: 1000 * n,
  expiresAt: 1000 * n + 3600_000,
  refreshToken: `refresh-${n}`,
});

describe("file token store", () => {
  test("saves atomically to a 0600 file in a 0700 folder and leaves no temporary files", async () => {
    const store = fileTokenStore({ name: "t", dir: join(dir, "oic-gen") });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(tokens(i))));
    const loaded = await store.load();
    expect(loaded?.version).toBe(1);
    expect(await readdir(join(dir, "oic-gen"))).toEqual(["t.json"]);
    if (process.platform !== "win32") {
      expect((await stat(store.path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, "oic-gen"))).mode & 0o777).toBe(0o700);
    }
  });

  test("the default folder is oic-gen under XDG_STATE_HOME (not the cache, which cleaners purge)", async () => {
    const previous = process.env.XDG_STATE_HOME;
    process.env.XDG_STATE_HOME = dir;
    try {
      const store = fileTokenStore({ name: "xdg" });
      expect(store.path).toBe(join(dir, "oic-gen", "xdg.json"));
      await store.save(tokens(1));
      if (process.platform !== "win32") expect((await stat(join(dir, "oic-gen"))).mode & 0o777).toBe(0o700);
    } finally {
      if (previous === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = previous;
    }
  });

  test("user cache folder follows each platform's convention", () => {
    expect(userCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "linux")).toBe("/x/cache");
    expect(userCacheDir({ XDG_CACHE_HOME: "relative" }, "linux")).toMatch(/\.cache$/);
    expect(userCacheDir({}, "darwin")).toMatch(/Library[/\\]Caches$/);
    expect(userCacheDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32")).toBe(
      "C:\\Users\\u\\AppData\\Local",
    );
  });

  test("missing or unreadable content reads as no tokens; clear removes the file", async () => {
    const store = fileTokenStore({ name: "t", dir });
    expect(await store.load()).toBeUndefined();
    await writeFile(store.path, "{ not json");
    expect(await store.load()).toBeUndefined();
    await writeFile(store.path, JSON.stringify({ version: 2, accessToken: "x" }));
    expect(await store.load()).toBeUndefined();
    await store.save(tokens(1));
    await store.clear();
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  test("names that could escape the folder are refused", () => {
    for (const name of ["../x", "a/b", ".hidden", "", "a b"])
      expect(() => fileTokenStore({ name, dir })).toThrow(/fileTokenStore name/);
  });

  test("the lock is exclusive between independent store objects on the same file", async () => {
    const a = fileTokenStore({ name: "t", dir });
    const b = fileTokenStore({ name: "t", dir });
    const events: string[] = [];
    const hold = (who: string, store: typeof a) =>
      store.lock(async () => {
        events.push(`${who} in`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        events.push(`${who} out`);
      });
    await Promise.all([hold("a", a), hold("b", b), hold("a2", a)]);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace(" in", " out"));
    expect(await readdir(dir)).toEqual([]);
  });

  test("a lock left by a dead process is taken over at once", async () => {
    const store = fileTokenStore({ name: "t", dir, lockTimeoutMs: 5_000 });
    await writeFile(
      `${store.path}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: (await import("node:os")).hostname(),
        at: Date.now(),
        nonce: "dead",
      }),
    );
    const started = Date.now();
    expect(await store.lock(async () => "ran")).toBe("ran");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a live holder is waited for, up to lockTimeoutMs", async () => {
    const store = fileTokenStore({ name: "t", dir, lockTimeoutMs: 300 });
    await writeFile(
      `${store.path}.lock`,
      JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), at: Date.now(), nonce: "live" }),
    );
    await expect(store.lock(async () => "ran")).rejects.toMatchObject({
      code: "OIC_TOKEN_STORE_FAILED",
      message: expect.stringMatching(/timed out after 300 ms/),
    });
  });

  test("an abandoned lock older than staleLockMs is taken over even if its pid is alive", async () => {
    const store = fileTokenStore({ name: "t", dir, staleLockMs: 1_000 });
    await writeFile(
      `${store.path}.lock`,
      JSON.stringify({ pid: process.pid, host: "elsewhere", at: Date.now() - 5_000, nonce: "old" }),
    );
    expect(await store.lock(async () => "ran")).toBe("ran");
  });
});
