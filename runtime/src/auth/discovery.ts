import * as oidc from "openid-client";
import { OicError } from "../errors.js";
import { isAbortLike, NetworkFailure, networkCause } from "../network-failure.js";
import { isLoopbackHost } from "../loopback-host.js";
import {
  assertionHeader,
  loadClientKey,
  privateKeyJwt,
  type ClientKey,
  type ClientKeyOptions,
} from "./client-authentication.js";
import { registerDomain } from "./domain-configuration.js";
import { toOicError } from "./token-errors.js";

/** The issuer every OCI IAM identity domain puts in its discovery document and tokens. */
export const IDCS_ISSUER = "https://identity.oraclecloud.com/";

/** Endpoints of an identity domain given by hand instead of discovered. */
export interface IdentityDomainEndpoints {
  /** e.g. `https://idcs-<id>.identity.oraclecloud.com/oauth2/v1/authorize` */
  authorization: string;
  /** e.g. `https://idcs-<id>.identity.oraclecloud.com/oauth2/v1/token` */
  token: string;
  /** Used by `logout()` to revoke the refresh token; without it logout only forgets tokens locally. */
  revocation?: string;
  userinfo?: string;
  /** Device authorization endpoint, for {@link deviceCode}: e.g. `https://idcs-<id>.identity.oraclecloud.com/oauth2/v1/device`. */
  device?: string;
  /** Expected `iss` of ID tokens. Default {@link IDCS_ISSUER}. */
  issuer?: string;
}

/** Where the identity domain is and which confidential application we are. */
export interface IdentityDomainOptions {
  /**
   * The identity domain URL, e.g. `https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com`.
   * Its `/.well-known/openid-configuration` is read once, on first use. Give this or `endpoints`.
   */
  domainUrl?: string | URL;
  /** Endpoints given by hand (no discovery request). Give this or `domainUrl`. */
  endpoints?: IdentityDomainEndpoints;
  /** The confidential application's client id. */
  clientId: string;
  /** The confidential application's client secret; sent as a Basic header (`client_secret_basic`). Give this or `clientKey`. */
  clientSecret?: string;
  /**
   * Authenticate with a signed assertion instead of a secret (`private_key_jwt`, RS256): the private key whose
   * certificate is uploaded to the application, and the certificate's alias as `kid`. Give this or `clientSecret`.
   */
  clientKey?: ClientKeyOptions;
  /**
   * The device authorization endpoint ({@link deviceCode}). Identity domains do not list it in their discovery
   * document; default `<domainUrl>/oauth2/v1/device`.
   */
  deviceEndpoint?: string;
  /**
   * Allow plain-http identity-domain endpoints. Only for stand-ins on a loopback address (127.0.0.0/8,
   * `::1`, `localhost`) in tests and local sandboxes; refused for any other host. Default `false`.
   */
  allowInsecureRequests?: boolean;
  /** Upper bound (ms) for each request to the identity domain, discovery included. Default 30 000. */
  timeoutMs?: number;
  /** A `fetch` implementation for identity-domain requests (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
}

/**
 * One confidential application at one identity domain: the part shared by every grant and every user.
 * Create it once and pass it as `domain` to {@link authorizationCode}, {@link clientCredentials} and the
 * web-login functions, so discovery happens once.
 */
export interface IdentityDomain {
  readonly clientId: string;
  /** How the application authenticates at the token endpoint. */
  readonly clientAuthentication: "client_secret_basic" | "private_key_jwt";
  /** The domain URL, or the token endpoint when endpoints were given by hand: part of the key tokens are stored under. */
  readonly url: string;
  /** Request timeout in ms, as configured. */
  readonly timeoutMs: number;
  /** Runs discovery now (it otherwise runs on first use) and caches it; a failed discovery is retried next time. */
  discover(): Promise<void>;
}

/**
 * Describes an identity domain and our confidential application in it.
 *
 * Discovery uses the full `.well-known/openid-configuration` URL because identity domains publish the
 * issuer `https://identity.oraclecloud.com/`, which differs from the domain URL and would fail the issuer
 * check of a plain issuer-based discovery. PKCE S256 is always used, even though identity domains do not
 * advertise `code_challenge_methods_supported`.
 *
 * @example
 * ```ts
 * const domain = identityDomain({
 *   domainUrl: "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com",
 *   clientId: process.env.OIC_CLIENT_ID!,
 *   clientSecret: process.env.OIC_CLIENT_SECRET!,
 * });
 * ```
 */
export function identityDomain(options: IdentityDomainOptions): IdentityDomain {
  if (!options.clientId) throw new OicError("OIC_CONFIGURATION", "clientId is required");
  if (!options.clientSecret === !options.clientKey)
    throw new OicError("OIC_CONFIGURATION", "give exactly one of clientSecret and clientKey (private_key_jwt)");
  if ((options.domainUrl === undefined) === (options.endpoints === undefined)) {
    throw new OicError("OIC_CONFIGURATION", "give exactly one of domainUrl and endpoints");
  }
  if (options.clientKey) assertionHeader(options.clientKey); // kid or x5t, checked now rather than at the first call
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new OicError("OIC_CONFIGURATION", "timeoutMs must be a positive number of milliseconds");
  const insecure = options.allowInsecureRequests === true;
  const urls = options.endpoints
    ? [
        options.endpoints.authorization,
        options.endpoints.token,
        options.endpoints.revocation,
        options.endpoints.userinfo,
        options.endpoints.device,
      ]
    : [String(options.domainUrl), options.deviceEndpoint];
  for (const url of urls) if (url !== undefined) checkEndpointUrl(url, insecure);

  const fetchImpl = options.fetch ?? globalThis.fetch;
  // Every identity-domain request gets a hard deadline, so an unreachable domain fails in bounded time.
  // Failures become a NetworkFailure (by the type fetch rejected with), which token-errors.ts turns into
  // OIC_IDENTITY_DOMAIN_UNREACHABLE naming the step.
  const boundedFetch = (async (url: string, init: RequestInit) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      return await fetchImpl(url, {
        ...init,
        signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline,
      });
    } catch (error) {
      if (isAbortLike(error)) throw new NetworkFailure(`timed out after ${timeoutMs} ms`, error);
      if (error instanceof TypeError) throw new NetworkFailure(networkCause(error), error);
      throw error;
    }
  }) as oidc.CustomFetch;
  let pending: Promise<oidc.Configuration> | undefined;
  let clientKey: ClientKey | undefined;

  async function build(): Promise<oidc.Configuration> {
    // The key is imported on first use (web crypto is asynchronous); a bad key fails that use with OIC_CONFIGURATION.
    if (options.clientKey) clientKey ??= await loadClientKey(options.clientId, options.clientKey);
    const auth = clientKey ? privateKeyJwt(clientKey) : oidc.ClientSecretBasic(options.clientSecret!);
    let config: oidc.Configuration;
    if (options.endpoints) {
      const e = options.endpoints;
      const metadata: oidc.ServerMetadata = {
        issuer: e.issuer ?? IDCS_ISSUER,
        authorization_endpoint: e.authorization,
        token_endpoint: e.token,
        ...(e.revocation ? { revocation_endpoint: e.revocation } : {}),
        ...(e.userinfo ? { userinfo_endpoint: e.userinfo } : {}),
      };
      config = new oidc.Configuration(metadata, options.clientId, undefined, auth);
    } else {
      const url = discoveryUrl(String(options.domainUrl));
      try {
        config = await oidc.discovery(url, options.clientId, undefined, auth, {
          execute: insecure ? [oidc.allowInsecureRequests] : [],
          timeout: Math.ceil(timeoutMs / 1000),
          [oidc.customFetch]: boundedFetch,
        });
      } catch (error) {
        throw toOicError(error, "discovery", url.origin);
      }
      const metadata = config.serverMetadata();
      for (const [name, endpoint] of [
        ["authorization_endpoint", metadata.authorization_endpoint],
        ["token_endpoint", metadata.token_endpoint],
      ] as const) {
        if (!endpoint) throw new OicError("OIC_CONFIGURATION", `the discovery document at ${url.href} has no ${name}`);
        checkEndpointUrl(endpoint, insecure);
      }
    }
    if (insecure) oidc.allowInsecureRequests(config);
    config.timeout = Math.ceil(timeoutMs / 1000);
    config[oidc.customFetch] = boundedFetch;
    return config;
  }

  const configuration = () => {
    pending ??= build().catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  const domain: IdentityDomain = {
    clientId: options.clientId,
    clientAuthentication: options.clientKey ? "private_key_jwt" : "client_secret_basic",
    url: options.endpoints ? options.endpoints.token : String(options.domainUrl).replace(/\/+$/, ""),
    timeoutMs,
    async discover() {
      await configuration();
    },
  };
  registerDomain(domain, {
    configuration,
    deviceEndpoint: options.endpoints
      ? options.endpoints.device
      : (options.deviceEndpoint ?? deviceEndpointOf(String(options.domainUrl))),
    get clientKey() {
      return clientKey;
    },
    fetch: (url, init) => (boundedFetch as unknown as (url: string, init: RequestInit) => Promise<Response>)(url, init),
  });
  return domain;
}

/** `https://idcs-x.identity.oraclecloud.com` (or a URL already ending in `.well-known/...`) → its discovery URL. */
export function discoveryUrl(domainUrl: string): URL {
  const url = new URL(domainUrl);
  if (url.pathname.includes("/.well-known/")) return url;
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  url.search = "";
  url.hash = "";
  return url;
}

/** `https://idcs-x.identity.oraclecloud.com` → `https://idcs-x.identity.oraclecloud.com/oauth2/v1/device` (documented, not discovered). */
function deviceEndpointOf(domainUrl: string): string {
  const url = new URL(domainUrl);
  const base = url.pathname.includes("/.well-known/")
    ? url.pathname.slice(0, url.pathname.indexOf("/.well-known/"))
    : url.pathname.replace(/\/+$/, "");
  return `${url.origin}${base}/oauth2/v1/device`;
}

function checkEndpointUrl(value: string, allowInsecure: boolean): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OicError("OIC_CONFIGURATION", `not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol === "https:") return;
  if (url.protocol !== "http:")
    throw new OicError("OIC_CONFIGURATION", `identity-domain URLs must be https, got ${url.protocol} in ${url.origin}`);
  if (!allowInsecure)
    throw new OicError(
      "OIC_CONFIGURATION",
      `identity-domain URLs must be https (${url.origin}); allowInsecureRequests is for loopback stand-ins only`,
    );
  if (!isLoopbackHost(url.hostname))
    throw new OicError(
      "OIC_CONFIGURATION",
      `allowInsecureRequests only applies to loopback hosts, not ${url.hostname}`,
    );
}
