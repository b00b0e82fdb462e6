/**
 * Identity domains rotate refresh tokens, but a refresh answer without `refresh_token` must keep the old
 * one (RFC 6749 section 6). Uses a minimal token endpoint on loopback that never rotates.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { authorizationCode, memoryTokenStore } from "../../runtime/src/index.js";

let server: Server;
let tokenUrl = "";
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      seen.push(
        `${form.get("grant_type")} ${form.get("refresh_token") === "the-only-refresh-token" ? "original" : "other"} ${req.headers.authorization?.startsWith("Basic ") ? "basic" : "no-basic"}`,
      );
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ access_token: `access-${seen.length}`, token_type: "bearer", expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a refresh answer without a refresh token keeps the old one, and the secret goes as a Basic header", async () => {
  const store = memoryTokenStore({
    version: 1,
    accessToken: "stale",
    tokenType: "Bearer",
    receivedAt: Date.now() - 7200_000,
    expiresAt: Date.now() - 3600_000,
    refreshToken: "the-only-refresh-token",
  });
  const auth = authorizationCode({
    endpoints: { authorization: `${tokenUrl}/authorize`, token: `${tokenUrl}/token` },
    allowInsecureRequests: true,
    clientId: "c",
    clientSecret: "s",
    scope: "x",
    instanceUrl: "https://oic.example.com",
    redirectUri: "http://127.0.0.1:1/cb",
    login: "none",
    store,
  });
  expect(await auth.getAuthorization()).toBe("Bearer access-1");
  expect((await store.load())?.refreshToken === "the-only-refresh-token").toBe(true);
  // A 401 forces another refresh, which must use the kept token.
  expect(await auth.handleUnauthorized("Bearer access-1")).toBe(true);
  expect(await auth.getAuthorization()).toBe("Bearer access-2");
  expect(seen).toEqual(["refresh_token original basic", "refresh_token original basic"]);
  // status() describes the session without any token in it.
  const status = await auth.status();
  expect(Object.keys(status).sort()).toEqual(["expiresAt", "loggedIn", "receivedAt", "refreshable"]);
  expect(JSON.stringify(status)).not.toMatch(/access-|the-only-refresh-token/);
});
