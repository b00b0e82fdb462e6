import { configurationOf } from "./domain-configuration.js";
import * as oidc from "openid-client";
import { OicError } from "../errors.js";
import type { IdentityDomain } from "./discovery.js";
import type { PendingLogin } from "./pending-login.js";
import { toOicError } from "./token-errors.js";

export type { PendingLogin } from "./pending-login.js";

/** Builds an authorization request: PKCE S256 and `state` always, `nonce` when `openid` is asked for. */
export async function createAuthorizationRequest(
  domain: IdentityDomain,
  options: { scope: string; instanceUrl: string; redirectUri: string; parameters?: Record<string, string> },
): Promise<{ url: URL; pending: PendingLogin }> {
  const config = await configurationOf(domain);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = options.scope.split(" ").includes("openid") ? oidc.randomNonce() : undefined;
  const url = oidc.buildAuthorizationUrl(config, {
    ...options.parameters,
    response_type: "code",
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state,
    ...(nonce ? { nonce } : {}),
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return {
    url,
    pending: {
      state,
      codeVerifier,
      ...(nonce ? { nonce } : {}),
      redirectUri: options.redirectUri,
      scope: options.scope,
      instanceUrl: options.instanceUrl,
      createdAt: Date.now(),
    },
  };
}

/**
 * Checks a callback against its pending login and exchanges the code. `callback` carries the query the
 * identity domain sent (`code`, `state`, or `error`); the `redirect_uri` sent is always the registered one.
 */
export async function exchangeAuthorizationCode(
  domain: IdentityDomain,
  callback: URL,
  pending: PendingLogin,
): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers> {
  const state = callback.searchParams.get("state");
  if (state === null || state !== pending.state) {
    throw new OicError(
      "OIC_STATE_MISMATCH",
      "the callback's state does not match the login in progress; start the login again",
    );
  }
  const config = await configurationOf(domain);
  // Behind proxies the URL an app sees may differ from the registered one: rebuild it from the latter.
  const current = new URL(pending.redirectUri);
  current.search = callback.search;
  try {
    return await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      ...(pending.nonce ? { expectedNonce: pending.nonce, idTokenExpected: true } : {}),
    });
  } catch (error) {
    throw toOicError(
      error,
      "authorization_code",
      new URL(config.serverMetadata().token_endpoint ?? pending.redirectUri).origin,
    );
  }
}
