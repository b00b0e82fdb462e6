/**
 * A stand-in for an OCI IAM identity domain, on loopback, built on oidc-provider and shaped like the real
 * thing where clients can tell: IDCS routes (`/oauth2/v1/...`, `/admin/v1/SigningCert/jwk`), the real
 * discovery document (issuer `https://identity.oraclecloud.com/`, explicit ports, no PKCE methods listed),
 * a confidential client using `client_secret_basic`, PKCE required, rotating refresh tokens with reuse
 * detection, and JWT access tokens whose audience and scope follow `<aud>urn:opc:resource:consumer::all`
 * (or the Developer API scope `<aud>/ic/api/`).
 *
 * Besides the secret, the client may authenticate with a signed assertion (`private_key_jwt`, checked against
 * the certificates uploaded with `uploadCertificate`); users may sign in with a device code at `/ui/v1/device`
 * (`POST /oauth2/v1/device`, answered without `interval`, as identity domains do); and the application may
 * act as a user with a signed user assertion (jwt-bearer grant).
 *
 * Test levers: token lifetimes, counters of token requests by grant type, revoking a user's grants, answering
 * device polls with `slow_down`, and taking the domain down (connection refused, or accepting connections
 * that never answer).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { CONSUMER_SCOPE_SUFFIX, IDCS_ISSUER, MANAGEMENT_SCOPE_SUFFIX } from "@oic-gen/runtime/internal";
import { exportJWK, generateKeyPair, type JSONWebKeySet } from "jose";
import Provider from "oidc-provider";
import { escapeHtml, readBody } from "./http-util.js";
import { clientAuthBridge } from "./client-auth-bridge.js";
import { AssertionChecker, type UploadedCertificate } from "./client-assertions.js";
import { devicePages } from "./device-pages.js";
import { JWT_BEARER_GRANT, registerJwtBearerGrant } from "./jwt-bearer-grant.js";
import { MapAdapterStorage } from "./map-adapter.js";

// The real (anonymised) discovery document; `generator/assets/` is two levels up from both src/ and dist/.
const FIXTURE = JSON.parse(
  readFileSync(new URL("../assets/idcs-openid-configuration.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const FIXTURE_ORIGIN = "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com:443";
const FIXTURE_SECURE_ORIGIN =
  "https://idcs-0123456789abcdef0123456789abcdef.eu-madrid-idcs-1.secure.identity.oraclecloud.com";

/** The parts of oidc-provider's Koa context the stand-in touches (the package ships no types). */
interface KoaContext {
  method: string;
  status: number;
  redirect(url: string): void;
  path: string;
  query: Record<string, unknown>;
  querystring: string;
  type: string;
  body: unknown;
  oidc?: { params?: Record<string, unknown> };
}

export interface IdentityDomainStandInOptions {
  /** Registered redirect URLs of the confidential client (exact match). */
  redirectUris: string[];
  /** Fixed port; default a free one. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Users and their passwords. Default alice and bob. */
  users?: Record<string, string>;
  /** Access token lifetime in seconds. Default 3600. */
  accessTokenTtl?: number;
  /** Refresh token lifetime in seconds. Default 604800 (7 days, as IDCS). */
  refreshTokenTtl?: number;
  /** Device code lifetime in seconds. Default 300 (as IDCS). */
  deviceCodeTtl?: number;
  /**
   * `interval` (seconds) to send in device responses. Default none, as IDCS (clients then poll every 5 s);
   * tests set 1 so that a device login does not wait 5 s for its first poll.
   */
  deviceCodeInterval?: number;
  /** Certificates (or public keys) uploaded to the application, by alias: they verify client and user assertions. */
  certificates?: Record<string, UploadedCertificate>;
  /**
   * `aud` values accepted in assertions. Default both spellings Oracle's pages use:
   * `https://identity.oraclecloud.com/` and `https://identity.oraclecloud.com`.
   */
  assertionAudiences?: string[];
  /**
   * The instance audiences (`http://127.0.0.1:<port>`) this domain issues tokens for. When given, as on a real
   * domain, a scope that names no such audience (`urn:opc:resource:consumer::all` alone, another host) is
   * refused with `invalid_scope`. A function, since the instance's port is known only once it listens.
   */
  audiences?: () => readonly string[];
}

export interface IdentityDomainStandIn {
  /** Origin of the domain, e.g. `http://127.0.0.1:41234` (what an app configures as `domainUrl`). */
  readonly url: string;
  readonly port: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly users: Readonly<Record<string, string>>;
  /** Public keys that sign access tokens, for the integration stand-in. */
  readonly jwks: JSONWebKeySet;
  /** POSTs to the token endpoint, all and by `grant_type`. */
  readonly tokenRequests: { total: number; byGrant: Record<string, number> };
  /** Tokens issued, codes and verifiers received, so tests can check none appears in any output. */
  readonly issuedSecrets: Set<string>;
  resetCounters(): void;
  /** Changes token lifetimes (seconds) for tokens issued from now on. */
  setTtl(ttl: { accessToken?: number; refreshToken?: number; deviceCode?: number }): void;
  /** Uploads a certificate (PEM) or public key under `alias`: assertions with `kid: alias` are checked with it. */
  uploadCertificate(alias: string, certificate: UploadedCertificate): void;
  /** Answers the next `polls` device-code token requests with `slow_down`. */
  slowDownDevicePolls(polls: number): void;
  /** Revokes every grant (and so every token) of a user; resolves how many grants were revoked. */
  revokeUser(accountId: string): Promise<number>;
  /** `refuse`: close the port; `hang`: accept connections and never answer. */
  down(mode?: "refuse" | "hang"): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startIdentityDomain(options: IdentityDomainStandInOptions): Promise<IdentityDomainStandIn> {
  const host = options.host ?? "127.0.0.1";
  const clientId = options.clientId ?? "oic-gen-test-client";
  const clientSecret = options.clientSecret ?? `secret-${randomBytes(24).toString("base64url")}`;
  const users = options.users ?? { alice: "alice-password-1", bob: "bob-password-2" };
  const ttl = {
    accessToken: options.accessTokenTtl ?? 3600,
    refreshToken: options.refreshTokenTtl ?? 604_800,
    deviceCode: options.deviceCodeTtl ?? 300,
  };
  const checker = new AssertionChecker({
    clientId,
    audiences: options.assertionAudiences ?? [IDCS_ISSUER, IDCS_ISSUER.replace(/\/$/, "")],
  });
  for (const [alias, certificate] of Object.entries(options.certificates ?? {})) checker.upload(alias, certificate);
  const slowDown = { polls: 0 };
  const tokenRequests = { total: 0, byGrant: {} as Record<string, number> };
  const issuedSecrets = new Set<string>();
  const grantsByAccount = new Map<string, Set<string>>();
  const storage = new MapAdapterStorage();

  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomBytes(8).toString("hex");
  const signingJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };

  const audienceFromScope = (scope: unknown): string | undefined => {
    if (typeof scope !== "string") return undefined;
    for (const s of scope.split(" ")) {
      if (s.endsWith(CONSUMER_SCOPE_SUFFIX) && /^https?:\/\/[^/]+:\d+urn:/.test(s))
        return s.slice(0, -CONSUMER_SCOPE_SUFFIX.length);
      if (/^https?:\/\/[^/]+:\d+\/ic\/api\/$/.test(s)) return s.slice(0, -MANAGEMENT_SCOPE_SUFFIX.length);
    }
    return undefined;
  };

  const resourceServerInfo = (indicator: string) => ({
    scope: `${indicator}${CONSUMER_SCOPE_SUFFIX} ${indicator}${MANAGEMENT_SCOPE_SUFFIX}`,
    audience: indicator,
    accessTokenFormat: "jwt",
    accessTokenTTL: ttl.accessToken,
    jwt: { sign: { alg: "RS256" } },
  });
  const recordGrant = (accountId: string, grantId: string) => {
    if (!grantsByAccount.has(accountId)) grantsByAccount.set(accountId, new Set());
    grantsByAccount.get(accountId)!.add(grantId);
  };

  const provider = new Provider(IDCS_ISSUER, {
    adapter: storage.adapterClass(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: [
          "authorization_code",
          "refresh_token",
          "client_credentials",
          "urn:ietf:params:oauth:grant-type:device_code",
          JWT_BEARER_GRANT,
        ],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    routes: {
      authorization: "/oauth2/v1/authorize",
      token: "/oauth2/v1/token",
      revocation: "/oauth2/v1/revoke",
      userinfo: "/oauth2/v1/userinfo",
      introspection: "/oauth2/v1/introspect",
      end_session: "/oauth2/v1/userlogout",
      device_authorization: "/oauth2/v1/device",
      code_verification: "/ui/v1/device",
      jwks: "/admin/v1/SigningCert/jwk",
    },
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    scopes: ["openid", "offline_access"],
    claims: { openid: ["sub"] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true, charset: "base-20", mask: "****-****", ...devicePages },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) =>
          token.clientId === client.clientId,
      },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // IDCS has no resource parameter: the audience is the prefix of the consumer scope.
        defaultResource: async (ctx: KoaContext, _client: unknown, oneOf?: string[]) =>
          oneOf ? oneOf[0] : audienceFromScope(ctx.oidc?.params?.scope),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => resourceServerInfo(indicator),
      },
    },
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: () => ttl.accessToken,
      ClientCredentials: () => ttl.accessToken,
      RefreshToken: () => ttl.refreshToken,
      AuthorizationCode: 120,
      DeviceCode: () => ttl.deviceCode,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 14 * 24 * 3600,
    },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    renderError: async (ctx: KoaContext, out: Record<string, unknown>) => {
      ctx.type = "html";
      ctx.body = page(
        "Error",
        `<p id="error">${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ""))}</p>`,
      );
    },
  });

  /** The scope parts a real domain would refuse: not openid/offline_access, nor a resource scope of a known instance. */
  const unknownScopes = (scope: unknown): string[] => {
    if (!options.audiences || typeof scope !== "string") return [];
    const known = new Set(
      options
        .audiences()
        .flatMap((audience) => [`${audience}${CONSUMER_SCOPE_SUFFIX}`, `${audience}${MANAGEMENT_SCOPE_SUFFIX}`]),
    );
    return scope
      .split(" ")
      .filter((part) => part !== "" && part !== "openid" && part !== "offline_access" && !known.has(part));
  };

  provider.use(async (ctx: KoaContext, next: () => Promise<void>) => {
    const refused = ctx.path === "/oauth2/v1/authorize" ? unknownScopes(ctx.query.scope) : [];
    if (refused.length > 0) {
      // As IDCS: the browser goes back to the registered redirect URL with error=invalid_scope.
      const redirect = String(ctx.query.redirect_uri ?? "");
      const description = `Scope ${refused.join(" ")} is not valid for this client: a resource scope must start with the instance's audience (https://<host>:443urn:opc:resource:consumer::all).`;
      if (!options.redirectUris.includes(redirect)) {
        ctx.status = 400;
        ctx.type = "html";
        ctx.body = page("Error", `<p id="error">invalid_scope: ${escapeHtml(description)}</p>`);
        return;
      }
      const back = new URL(redirect);
      back.search = new URLSearchParams({
        error: "invalid_scope",
        error_description: description,
        ...(typeof ctx.query.state === "string" ? { state: ctx.query.state } : {}),
      }).toString();
      return ctx.redirect(back.href);
    }
    // IDCS issues a refresh token for offline_access without a consent prompt; oidc-provider (following
    // OpenID Connect) drops offline_access unless prompt=consent, so ask for it on the client's behalf.
    if (
      ctx.path === "/oauth2/v1/authorize" &&
      String(ctx.query.scope ?? "")
        .split(" ")
        .includes("offline_access") &&
      ctx.query.prompt === undefined
    ) {
      ctx.querystring = `${ctx.querystring}&prompt=consent`;
    }
    const isTokenRequest = ctx.method === "POST" && ctx.path === "/oauth2/v1/token";
    if (isTokenRequest) tokenRequests.total += 1;
    await next();
    if (isTokenRequest) {
      const params = ctx.oidc?.params ?? {};
      const grant = String(params.grant_type ?? "unknown");
      for (const key of ["code", "code_verifier", "refresh_token"])
        if (typeof params[key] === "string") issuedSecrets.add(params[key] as string);
      tokenRequests.byGrant[grant] = (tokenRequests.byGrant[grant] ?? 0) + 1;
    }
    if (isTokenRequest || ctx.path === "/oauth2/v1/device") {
      const body = ctx.body as Record<string, unknown> | undefined;
      for (const key of ["access_token", "refresh_token", "id_token", "device_code"])
        if (typeof body?.[key] === "string") issuedSecrets.add(body[key] as string);
    }
  });
  provider.use(
    clientAuthBridge({
      clientId,
      clientSecret,
      checker,
      tokenPath: "/oauth2/v1/token",
      devicePath: "/oauth2/v1/device",
      secrets: issuedSecrets,
      slowDown,
      deviceInterval: options.deviceCodeInterval,
    }),
  );
  registerJwtBearerGrant(provider, { checker, users, audienceFromScope, resourceServerInfo, onGrant: recordGrant });

  const providerCallback = provider.callback();
  let mode: "up" | "hang" = "up";
  const sockets = new Set<Socket>();
  let origin = "";

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (mode === "hang") return; // never answer
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/.well-known/openid-configuration") return json(res, 200, discoveryDocument(origin));
    const login = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (login) return interaction(req, res, login[1]!, login[2] !== undefined);
    providerCallback(req, res);
  }

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    submitted: boolean,
  ): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return html(res, 400, page("Error", "<p>interaction mismatch</p>"));
    if (details.prompt.name === "login") {
      if (!submitted) return html(res, 200, loginPage(uid));
      const form = new URLSearchParams((await readBody(req)).toString("utf8"));
      const user = form.get("username") ?? "";
      if (!Object.hasOwn(users, user) || users[user] !== form.get("password"))
        return html(res, 200, loginPage(uid, "Wrong user name or password."));
      await provider.interactionFinished(req, res, { login: { accountId: user } }, { mergeWithLastSubmission: false });
      return;
    }
    // Consent is implicit for a confidential application, as with IDCS: grant what was asked.
    const accountId = details.session!.accountId;
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(" "));
    const grantId = await grant.save();
    recordGrant(accountId, grantId);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  let server: Server = createHttpServer();
  function createHttpServer(): Server {
    const created = createServer((req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) json(res, 500, { error: "server_error" });
      });
    });
    created.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    return created;
  }

  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  async function closeServer(): Promise<void> {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  return {
    url: origin,
    port,
    clientId,
    clientSecret,
    users,
    jwks,
    tokenRequests,
    issuedSecrets,
    resetCounters() {
      tokenRequests.total = 0;
      tokenRequests.byGrant = {};
    },
    setTtl(next) {
      if (next.accessToken !== undefined) ttl.accessToken = next.accessToken;
      if (next.refreshToken !== undefined) ttl.refreshToken = next.refreshToken;
      if (next.deviceCode !== undefined) ttl.deviceCode = next.deviceCode;
    },
    uploadCertificate(alias, certificate) {
      checker.upload(alias, certificate);
    },
    slowDownDevicePolls(polls) {
      slowDown.polls = polls;
    },
    async revokeUser(accountId) {
      const grants = grantsByAccount.get(accountId) ?? new Set();
      for (const grantId of grants) storage.revokeByGrantId(grantId);
      grantsByAccount.delete(accountId);
      return grants.size;
    },
    async down(how = "refuse") {
      if (how === "hang") {
        mode = "hang";
        return;
      }
      await closeServer();
    },
    async up() {
      mode = "up";
      if (!server.listening) {
        server = createHttpServer();
        await listen(server, port, host);
      }
    },
    async close() {
      mode = "up";
      await closeServer();
    },
  };
}

/** The real IDCS discovery document, pointed at this stand-in. */
function discoveryDocument(origin: string): Record<string, unknown> {
  const text = JSON.stringify(FIXTURE).split(FIXTURE_ORIGIN).join(origin).split(FIXTURE_SECURE_ORIGIN).join(origin);
  return JSON.parse(text) as Record<string, unknown>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(body);
}

function loginPage(uid: string, error?: string): string {
  return page(
    "Sign In",
    `${error ? `<p id="error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label>User name <input id="username" name="username" autocomplete="username"></label>
  <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
  <button id="sign-in" type="submit">Sign In</button>
</form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
