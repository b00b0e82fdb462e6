import type { Clock } from "../call/clock.js";
import type * as oidc from "openid-client";
import { OIC_ABORTED, OIC_LOGIN_TIMEOUT } from "../error-codes.js";
import { OicError, OicLoginRequiredError } from "../errors.js";
import { createAuthorizationRequest, exchangeAuthorizationCode } from "./authorization-request.js";
import { resolveDomain, type DomainChoice } from "./domain-choice.js";
import { loginInstance, requireInstance } from "./instance-binding.js";
import { normaliseScope, oicScope } from "./scope.js";
import type { RefreshAhead } from "./session-status.js";
import type { TokenStoreChoice } from "./stores/types.js";
import { userAuth, type UserAuth } from "./user-session.js";

/**
 * Completes a sign-in some other way than the loopback listener: show or send `authorizationUrl` to the
 * user, and resolve with the callback URL the browser was sent to (absolute, or relative to `redirectUri`).
 */
export type CustomLogin = (request: LoginRequest) => Promise<URL | string>;

/** What a {@link CustomLogin} gets: where to send the user, where they come back, and the state to expect. */
export interface LoginRequest {
  authorizationUrl: URL;
  redirectUri: string;
  /** The `state` the callback must carry (not a secret). */
  state: string;
  /** Fires when the login times out (`loginTimeoutMs`) or the caller aborts: stop listening. */
  signal: AbortSignal;
}

/**
 * How a sign-in happens when one is needed:
 * - a {@link CustomLogin} function, e.g. `loopbackLogin()` from `@oic-gen/runtime/node` (listen on the
 *   redirect URL's loopback port and open the system browser, RFC 8252), for scripts, CLIs and desktop apps;
 * - `"none"` (the default here): never sign in from here; calls without usable tokens throw
 *   `OIC_LOGIN_REQUIRED` (web apps, which sign users in with {@link startWebLogin} / {@link finishWebLogin}).
 *
 * `@oic-gen/runtime/node`'s `authorizationCode` also takes `"loopback"`, its default.
 */
export type LoginMode = "none" | CustomLogin;

/** Settings of {@link authorizationCode} besides the identity domain. */
export interface AuthorizationCodeSettings {
  /**
   * The OIC instance these tokens are for: they are stored under it and sent to no other origin. Default:
   * the instance the scope names (`https://<host>:443urn:...`). Give it when the scope does not name the
   * runtime host (some gen3 instances).
   */
  instanceUrl?: string;
  /** Scope to ask for; add `"openid"` for an ID token. Default `oicScope(instanceUrl)`. */
  scope?: string | readonly string[];
  /** Add `offline_access` to get a refresh token. Default `true`. */
  offlineAccess?: boolean;
  /** The registered redirect URL; for a loopback login an http URL on 127.0.0.1 with a fixed port, e.g. `http://127.0.0.1:8765/callback`. */
  redirectUri: string;
  /**
   * Where tokens are kept: a store, or a function of the login's key (e.g. `cliLoginStore` from
   * `@oic-gen/runtime/node` to share the login of `oic-gen login`). Default: {@link memoryTokenStore}
   * (gone when the process exits).
   */
  store?: TokenStoreChoice;
  /** How a sign-in happens when one is needed. Default `"none"`. */
  login?: LoginMode;
  /** Give up on a sign-in after this long (ms). Default 5 minutes. */
  loginTimeoutMs?: number;
  /** When to renew ahead of expiry. Default min(5 minutes, 10% of the token lifetime). */
  refreshAhead?: RefreshAhead;
  /** Time source for token lifetimes (`now`, epoch ms); tests inject one to let tokens expire without waiting. Default: the real clock. */
  clock?: Pick<Clock, "now">;
  /** Extra authorization request parameters (e.g. `prompt`, `login_hint`). */
  parameters?: Record<string, string>;
}

/** Options of {@link authorizationCode}: the identity domain (or its options) plus {@link AuthorizationCodeSettings}. */
export type AuthorizationCodeOptions = DomainChoice & AuthorizationCodeSettings;

/** An {@link OicAuth} that signs a user in with the authorization code grant and keeps them signed in. */
export type AuthorizationCodeAuth = UserAuth;

/**
 * Calls OIC as a user, with the OAuth 2.0 authorization code grant against an OCI IAM identity domain:
 * client secret as a Basic header, PKCE S256 and `state` always, `nonce` with `openid`, `offline_access`
 * for a refresh token. The first call without usable tokens signs the user in (see {@link LoginMode});
 * later calls reuse the stored tokens, refresh them ahead of expiry and persist rotated refresh tokens.
 *
 * @example
 * ```ts
 * const auth = authorizationCode({
 *   domainUrl: "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com",
 *   clientId, clientSecret,
 *   scope: oicScope(instanceUrl),
 *   redirectUri: "http://127.0.0.1:8765/callback",
 *   store: fileTokenStore({ name: "orders" }),
 * });
 * const oic = createOicClient({ instanceUrl, auth });
 * ```
 */
export function authorizationCode(options: AuthorizationCodeOptions): AuthorizationCodeAuth {
  const domain = resolveDomain(options);
  const scope = normaliseScope(options.scope ?? oicScope(requireInstance(options.instanceUrl)), {
    offlineAccess: options.offlineAccess,
  });
  const instanceUrl = loginInstance(options.instanceUrl, scope);
  const login = options.login ?? "none";
  new URL(options.redirectUri);
  const loginTimeoutMs = options.loginTimeoutMs ?? 5 * 60_000;

  async function signIn(signal?: AbortSignal): Promise<oidc.TokenEndpointResponse> {
    if (login === "none")
      throw new OicLoginRequiredError("no usable tokens for this user: sign in through the app's login first");
    const { url, pending } = await createAuthorizationRequest(domain, {
      scope,
      instanceUrl,
      redirectUri: options.redirectUri,
      parameters: options.parameters,
    });
    const timeout = AbortSignal.timeout(loginTimeoutMs);
    const stop = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let callback: URL | string;
    try {
      // A login function that ignores the signal still cannot outlast it.
      const stopped = new Promise<never>((_, reject) =>
        stop.addEventListener("abort", () => reject(stop.reason), { once: true }),
      );
      stopped.catch(() => undefined);
      callback = await Promise.race([
        login({ authorizationUrl: url, redirectUri: options.redirectUri, state: pending.state, signal: stop }),
        stopped,
      ]);
    } catch (error) {
      if (signal?.aborted)
        throw error instanceof OicError && error.code === OIC_ABORTED
          ? error
          : new OicError(OIC_ABORTED, "the login was aborted");
      if (timeout.aborted)
        throw new OicError(
          OIC_LOGIN_TIMEOUT,
          `nobody completed the sign-in within ${Math.round(loginTimeoutMs / 1000)} s`,
        );
      throw error;
    }
    return exchangeAuthorizationCode(domain, new URL(callback, options.redirectUri), pending);
  }

  return userAuth(domain, {
    scope,
    instanceUrl,
    store: options.store,
    refreshAhead: options.refreshAhead,
    clock: options.clock,
    needsUser: true,
    signIn,
  });
}
