/**
 * Where logins are kept: the state folder (a cache folder gets purged), files left in the cache folder by
 * earlier versions moved over on first read, and the CLI login's refresh token in the OS keychain where there
 * is one, else in its 0600 file (this machine, like CI and containers, has no Secret Service).
 */
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cliLoginStore, fileTokenStore, userStateDir, type StoredTokens } from "../../runtime/src/node.js";

let dir: string;
const names = ["XDG_CACHE_HOME", "XDG_STATE_HOME", "OIC_GEN_TOKEN_STORE"] as const;
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "oic-store-location-"));
  process.env.XDG_CACHE_HOME = join(dir, "cache");
  process.env.XDG_STATE_HOME = join(dir, "state");
});
afterAll(async () => {
  for (const name of names) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(dir, { recursive: true, force: true });
});

const tokens = (refreshToken: string): StoredTokens => ({
  version: 1,
  accessToken: "access",
  tokenType: "Bearer",
  receivedAt: 1,
  expiresAt: 2,
  refreshToken,
});
const key = {
  domain: "https://idcs-x.identity.oraclecloud.com",
  clientId: "c",
  scope: "s offline_access",
  instanceUrl: "https://i.example",
};

describe("where logins are kept", () => {
  test("the state folder follows each platform's convention", () => {
    expect(userStateDir({ XDG_STATE_HOME: "/x/state" }, "linux")).toBe("/x/state");
    expect(userStateDir({ XDG_STATE_HOME: "relative" }, "linux")).toMatch(/\.local[/\\]state$/);
    expect(userStateDir({}, "darwin")).toMatch(/Library[/\\]Application Support$/);
    expect(userStateDir({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32")).toBe(
      "C:\\Users\\u\\AppData\\Local",
    );
  });

  test("a login left in the cache folder by an earlier version is moved to the state folder on first read", async () => {
    const legacy = join(dir, "cache", "oic-gen", "moved.json");
    await mkdir(join(dir, "cache", "oic-gen"), { recursive: true });
    await writeFile(legacy, JSON.stringify(tokens("old-refresh")), { mode: 0o600 });
    const store = fileTokenStore({ name: "moved" });
    expect(store.path).toBe(join(dir, "state", "oic-gen", "moved.json"));
    expect((await store.load())?.refreshToken).toBe("old-refresh");
    await expect(stat(legacy)).rejects.toMatchObject({ code: "ENOENT" });
    if (process.platform !== "win32") expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    // Nothing left to move: a missing login stays missing.
    expect(await fileTokenStore({ name: "never-there" }).load()).toBeUndefined();
  });

  test("without a keychain the CLI login keeps its refresh token in its 0600 file, and says so", async () => {
    for (const forced of [undefined, "file"]) {
      if (forced) process.env.OIC_GEN_TOKEN_STORE = forced;
      else delete process.env.OIC_GEN_TOKEN_STORE;
      const store = cliLoginStore({ ...key, clientId: `c-${forced ?? "probe"}` });
      // This machine has no Secret Service: the probe finds no keychain, as in CI and containers.
      expect(await store.where()).toBe("file");
      await store.lock(() => store.save(tokens("rt-1")));
      expect(JSON.parse(await readFile(store.path, "utf8")).refreshToken).toBe("rt-1");
      expect((await store.load())?.refreshToken).toBe("rt-1");
      await store.clear();
      expect(await store.load()).toBeUndefined();
    }
  });
});
