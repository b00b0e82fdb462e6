import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authorizationCode,
  identityDomain,
  oicAudience,
  oicScope,
  OicError,
  startWebLogin,
} from "../../runtime/src/node.js";
import { configurationOf, discoveryUrl } from "../../runtime/src/internal.js";

// The real (anonymised) identity-domain discovery document, served as is from loopback.
const document = readFileSync(new URL("../../sandbox/assets/idcs-openid-configuration.json", import.meta.url), "utf8");
const IDCS = "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com:443";
let server: Server;
let domainUrl = "";
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? "");
    if (req.url === "/.well-known/openid-configuration") {
      res.writeHead(200, { "Content-Type": "application/json" }).end(document);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domainUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = { clientId: "my-client", clientSecret: "my-secret-abcdefghijklmnopqrstuvwxyz" };

describe("identity-domain discovery with the real document", () => {
  test("accepts the issuer quirk and keeps the :443 endpoints", async () => {
    const config = await configurationOf(identityDomain({ domainUrl, ...client, allowInsecureRequests: true }));
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe("https://identity.oraclecloud.com/");
    expect(metadata.authorization_endpoint).toBe(`${IDCS}/oauth2/v1/authorize`);
    expect(metadata.token_endpoint).toBe(`${IDCS}/oauth2/v1/token`);
    expect(metadata.code_challenge_methods_supported).toBeUndefined();
    expect(requested).toContain("/.well-known/openid-configuration");
  });

  test("discovers once and caches", async () => {
    const domain = identityDomain({ domainUrl, ...client, allowInsecureRequests: true });
    requested.length = 0;
    await Promise.all([configurationOf(domain), configurationOf(domain), configurationOf(domain)]);
    await configurationOf(domain);
    expect(requested).toEqual(["/.well-known/openid-configuration"]);
  });

  test("the authorization URL always has PKCE S256 and state, and nonce only with openid", async () => {
    const domain = identityDomain({ domainUrl, ...client, allowInsecureRequests: true });
    const instance = "https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com";
    const redirectUri = "https://app.example.com/callback";
    const plain = await startWebLogin({ domain, scope: oicScope(instance), redirectUri });
    expect(plain.url.origin + plain.url.pathname).toBe(
      `https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com/oauth2/v1/authorize`,
    );
    const q = plain.url.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe("my-client");
    expect(q.get("redirect_uri")).toBe(redirectUri);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("code_challenge") !== plain.pending.codeVerifier, "the challenge is not the verifier").toBe(true);
    expect(q.get("state")).toBe(plain.pending.state);
    expect(q.get("scope")).toBe(`${instance}:443urn:opc:resource:consumer::all offline_access`);
    expect(q.has("nonce")).toBe(false);
    expect(plain.url.href).not.toContain(plain.pending.codeVerifier);
    expect(plain.url.href).not.toContain(client.clientSecret);

    const withOpenid = await startWebLogin({ domain, scope: ["openid", oicScope(instance)], redirectUri });
    expect(withOpenid.url.searchParams.get("nonce")).toBe(withOpenid.pending.nonce);
    expect(withOpenid.pending.nonce).toBeTruthy();
    expect(withOpenid.pending.state).not.toBe(plain.pending.state);
  });

  test("explicit endpoints need no discovery request", async () => {
    requested.length = 0;
    const domain = identityDomain({
      endpoints: { authorization: `${IDCS}/oauth2/v1/authorize`, token: `${IDCS}/oauth2/v1/token` },
      ...client,
    });
    const { url } = await startWebLogin({
      domain,
      scope: "urn:example",
      instanceUrl: "https://oic.example.com",
      redirectUri: "https://app.example.com/cb",
    });
    expect(url.pathname).toBe("/oauth2/v1/authorize");
    expect((await configurationOf(domain)).serverMetadata().issuer).toBe("https://identity.oraclecloud.com/");
    expect(requested).toEqual([]);
  });

  test("plain http is refused unless explicitly allowed, and then only on loopback", () => {
    expect(() => identityDomain({ domainUrl, ...client })).toThrow(/must be https/);
    expect(() =>
      identityDomain({ domainUrl: "http://idcs.example.com", ...client, allowInsecureRequests: true }),
    ).toThrow(/only applies to loopback/);
    expect(() => identityDomain({ ...client })).toThrow(OicError);
  });

  test("an identity domain without a discovery document is a configuration error", async () => {
    const domain = identityDomain({ domainUrl: `${domainUrl}/nothing-here`, ...client, allowInsecureRequests: true });
    await expect(configurationOf(domain)).rejects.toMatchObject({ code: "OIC_CONFIGURATION" });
  });

  test("scope and audience helpers follow the OIC pattern", () => {
    const instance = "https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com/ic/home";
    expect(oicAudience(instance)).toBe(
      "https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com:443",
    );
    expect(oicScope(instance)).toBe(
      "https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com:443urn:opc:resource:consumer::all",
    );
    expect(discoveryUrl("https://idcs-x.identity.oraclecloud.com/").href).toBe(
      "https://idcs-x.identity.oraclecloud.com/.well-known/openid-configuration",
    );
  });

  test("a loopback login needs a loopback redirect URL with a fixed port", () => {
    const base = {
      domainUrl,
      ...client,
      allowInsecureRequests: true as const,
      scope: "x",
      instanceUrl: "https://oic.example.com",
    };
    expect(() => authorizationCode({ ...base, redirectUri: "http://127.0.0.1/callback" })).toThrow(
      /must carry the port/,
    );
    expect(() => authorizationCode({ ...base, redirectUri: "https://app.example.com/callback" })).toThrow(
      /loopback login needs/,
    );
    expect(() =>
      authorizationCode({ ...base, redirectUri: "https://app.example.com/callback", login: "none" }),
    ).not.toThrow();
  });
});
