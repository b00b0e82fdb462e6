import { OicError } from "../errors.js";
import { createAuthorizationRequest, exchangeAuthorizationCode } from "./authorization-request.js";
import type { PendingLogin } from "./pending-login.js";
import type { IdentityDomain } from "./discovery.js";
import { loginInstance, requireInstance, tokenBinding } from "./instance-binding.js";
import { normaliseScope, oicScope } from "./scope.js";
import type { StoredTokens, TokenStore } from "./stores/types.js";
import { toStoredTokens } from "./token-set.js";

/** Options of {@link startWebLogin}. */
export interface StartWebLoginOptions {
  /** The identity domain and confidential application (see {@link identityDomain}). */
  domain: IdentityDomain;
  /** The OIC instance the tokens are for (see `authorizationCode`). Default: the instance the scope names. */
  instanceUrl?: string;
  /** Scope to ask for; `offline_access` is added unless `offlineAccess: false`. Default `oicScope(instanceUrl)`. */
  scope?: string | readonly string[];
  /** Add `offline_access` to get a refresh token. Default `true`. */
  offlineAccess?: boolean;
  /** The app's registered callback URL, e.g. `https://app.example.com/callback`. */
  redirectUri: string;
  /** Extra authorization request parameters (e.g. `prompt`, `login_hint`). Cannot override the security ones. */
  parameters?: Record<string, string>;
}

/** What {@link startWebLogin} returns. */
export interface WebLoginStart {
  /** Redirect the user's browser here (HTTP 302/303). */
  url: URL;
  /** Keep in the user's server-side session until the callback; pass to {@link finishWebLogin}. */
  pending: PendingLogin;
}

/** Options of {@link finishWebLogin}. */
export interface FinishWebLoginOptions {
  domain: IdentityDomain;
  /**
   * The callback request: a Web `Request`, a `URL`, or the request target as a string (Node's `req.url`,
   * relative strings are resolved against the pending login's redirect URL).
   */
  callback: Request | URL | string;
  /** What {@link startWebLogin} returned for this user. Use it once: delete it from the session now. */
  pending: PendingLogin;
  /** Where to keep the user's tokens (their per-user store); omit to only get them back. */
  store?: TokenStore;
  /** Refuse pending logins older than this (ms). Default 10 minutes. */
  maxAgeMs?: number;
}

/** What {@link finishWebLogin} returns. */
export interface WebLoginResult {
  /** The tokens, as stored (treat as secret). Pass the same store to `authorizationCode` to call OIC as this user. */
  tokens: StoredTokens;
  /** The validated ID token claims (`sub`, ...) when `openid` was asked for. */
  claims?: Record<string, unknown>;
}

/**
 * Starts a sign-in from a web app: returns the URL to redirect the user to and the per-login secrets
 * (`state`, PKCE verifier, `nonce`) to bind to the user's session. Framework-agnostic.
 *
 * @example
 * ```ts
 * const { url, pending } = await startWebLogin({ domain, scope: oicScope(instanceUrl), redirectUri });
 * session.pendingLogin = pending;
 * res.writeHead(303, { Location: url.href }).end();
 * ```
 */
export async function startWebLogin(options: StartWebLoginOptions): Promise<WebLoginStart> {
  const scope = normaliseScope(options.scope ?? oicScope(requireInstance(options.instanceUrl)), {
    offlineAccess: options.offlineAccess,
  });
  const instanceUrl = loginInstance(options.instanceUrl, scope);
  return createAuthorizationRequest(options.domain, {
    scope,
    instanceUrl,
    redirectUri: options.redirectUri,
    parameters: options.parameters,
  });
}

/**
 * Finishes a sign-in from the callback: checks `state` (throws `OIC_STATE_MISMATCH` on a foreign or
 * replayed callback), exchanges the code with the PKCE verifier, checks the `nonce`, and saves the tokens.
 * Throws `OIC_LOGIN_FAILED` when the identity domain reported an error or refused the code (e.g. reused).
 *
 * @example
 * ```ts
 * const pending = session.pendingLogin; delete session.pendingLogin;
 * await finishWebLogin({ domain, callback: req.url!, pending, store: session.tokens });
 * ```
 */
export async function finishWebLogin(options: FinishWebLoginOptions): Promise<WebLoginResult> {
  const { pending } = options;
  if (
    !pending ||
    typeof pending.state !== "string" ||
    typeof pending.codeVerifier !== "string" ||
    typeof pending.instanceUrl !== "string"
  ) {
    throw new OicError("OIC_LOGIN_FAILED", "no login in progress for this session; start the login again");
  }
  if (Date.now() - pending.createdAt > (options.maxAgeMs ?? 10 * 60_000)) {
    throw new OicError("OIC_LOGIN_FAILED", "the login in progress is too old; start the login again");
  }
  const response = await exchangeAuthorizationCode(
    options.domain,
    callbackUrl(options.callback, pending.redirectUri),
    pending,
  );
  const tokens = toStoredTokens(
    response,
    Date.now(),
    tokenBinding({
      domain: options.domain.url,
      clientId: options.domain.clientId,
      scope: pending.scope,
      instance: pending.instanceUrl,
    }),
  );
  const store = options.store;
  if (store) await (store.lock ? store.lock(() => store.save(tokens)) : store.save(tokens));
  const claims = response.claims();
  return { tokens, ...(claims ? { claims: { ...claims } } : {}) };
}

function callbackUrl(callback: Request | URL | string, redirectUri: string): URL {
  if (callback instanceof URL) return callback;
  if (typeof callback === "string") return new URL(callback, redirectUri);
  if (callback.method !== "GET")
    throw new OicError("OIC_LOGIN_FAILED", `the callback must be a GET request, got ${callback.method}`);
  return new URL(callback.url, redirectUri);
}
