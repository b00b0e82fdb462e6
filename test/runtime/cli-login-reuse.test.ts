/**
 * An app on a developer's machine reuses the login of `oic-gen login` with one option (`store: cliLoginStore`):
 * the same file and the same key as the CLI's, so the CLI's tokens are the app's, and `status()` says who.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resolveConnection, userLogin } from "../../generator/src/commands/connection.js";
import { authorizationCode, cliLoginName, cliLoginStore, fileTokenStore, oicScope } from "../../runtime/src/node.js";
import { tokenBinding } from "../../runtime/src/internal.js";

const instanceUrl = "https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com";
const domainUrl = "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com";
const clientId = "0123456789abcdef0123456789abcdef";

let cache: string;
const saved = {
  xdg: process.env.XDG_CACHE_HOME,
  state: process.env.XDG_STATE_HOME,
  store: process.env.OIC_GEN_TOKEN_STORE,
  secret: process.env.OIC_CLIENT_SECRET,
};
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), "oic-cli-reuse-"));
  process.env.XDG_CACHE_HOME = cache;
  process.env.XDG_STATE_HOME = cache;
  process.env.OIC_GEN_TOKEN_STORE = "file";
  process.env.OIC_CLIENT_SECRET = "cli-reuse-test-secret";
  await writeFile(join(cache, "oic-gen.config.json"), "{}");
});
afterAll(async () => {
  if (saved.xdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved.xdg;
  for (const [name, value] of [
    ["XDG_STATE_HOME", saved.state],
    ["OIC_GEN_TOKEN_STORE", saved.store],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (saved.secret === undefined) delete process.env.OIC_CLIENT_SECRET;
  else process.env.OIC_CLIENT_SECRET = saved.secret;
  await rm(cache, { recursive: true, force: true });
});

/** A JWT-shaped access token whose payload names the user (what identity domains issue). */
function accessToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none" })}.${part(claims)}.signature`;
}

describe("apps reuse the CLI login", () => {
  test("store: cliLoginStore reads the file the CLI's login wrote, under the same key, and status() names the user", async () => {
    const connection = resolveConnection({
      instance: instanceUrl,
      domain: domainUrl,
      clientId,
      config: join(cache, "oic-gen.config.json"),
    });
    const cli = userLogin(connection, false);
    const app = authorizationCode({
      domainUrl,
      clientId,
      clientSecret: "app-side-secret",
      instanceUrl,
      redirectUri: "http://127.0.0.1:8765/callback",
      store: cliLoginStore,
      login: "none",
    });
    expect(await cli.status()).toEqual({ loggedIn: false, refreshable: false });

    // What `oic-gen login` leaves behind after a sign-in.
    const key = { domain: domainUrl, clientId, scope: `${oicScope(instanceUrl)} offline_access`, instanceUrl };
    await fileTokenStore({ name: cliLoginName(key) }).save({
      version: 1,
      accessToken: accessToken({ sub: "alice@example.com", user_displayname: "Alice Example" }),
      tokenType: "Bearer",
      receivedAt: Date.now(),
      expiresAt: Date.now() + 3_600_000,
      refreshToken: "cli-refresh-token",
      binding: tokenBinding({ domain: domainUrl, clientId, scope: key.scope, instance: instanceUrl }),
    });

    for (const auth of [cli, app]) {
      expect(await auth.status()).toMatchObject({
        loggedIn: true,
        refreshable: true,
        subject: "alice@example.com",
        displayName: "Alice Example",
      });
    }
    expect((await app.getAuthorization()).startsWith("Bearer ")).toBe(true);

    // Another instance with the same store option: another file, nothing reused.
    const other = authorizationCode({
      domainUrl,
      clientId,
      clientSecret: "x",
      instanceUrl: "https://other-instance.integration.ocp.oraclecloud.com",
      redirectUri: "http://127.0.0.1:8765/callback",
      store: cliLoginStore,
      login: "none",
    });
    expect(await other.status()).toEqual({ loggedIn: false, refreshable: false });
  });
});
