import * as oidc from "openid-client";
import {
  OIC_CONFIGURATION,
  OIC_IDENTITY_DOMAIN_UNREACHABLE,
  OIC_INVALID_CLIENT,
  OIC_INVALID_RESPONSE,
  OIC_LOGIN_DENIED,
  OIC_LOGIN_FAILED,
  OIC_LOGIN_TIMEOUT,
  OIC_TOKEN_REQUEST_FAILED,
} from "../error-codes.js";
import { OicError, OicLoginRequiredError, OicOAuthError } from "../errors.js";
import { NetworkFailure } from "../network-failure.js";
import { redact } from "../redact.js";

/** Which identity-domain exchange failed; decides what an OAuth error means for the caller. */
export type TokenStep =
  | "discovery"
  | "authorization_code"
  | "refresh_token"
  | "client_credentials"
  | "device_authorization"
  | "device_code"
  | "jwt_bearer";

const STEP_NAMES: Record<TokenStep, string> = {
  discovery: "discovery",
  authorization_code: "the authorization code exchange",
  refresh_token: "the token refresh",
  client_credentials: "the client credentials grant",
  device_authorization: "the device authorization request",
  device_code: "the device code grant",
  jwt_bearer: "the user assertion (jwt-bearer) grant",
};

/** Steps whose failure means the sign-in did not complete (rather than a token request failing). */
const LOGIN_STEPS = new Set<TokenStep>(["authorization_code", "device_authorization", "device_code"]);

/**
 * Turns whatever openid-client or `fetch` threw into an {@link OicError} with a stable code. Messages name
 * the step, the identity domain's origin and the OAuth `error`, never a token, code, verifier or secret.
 */
export function toOicError(error: unknown, step: TokenStep, origin: string): OicError {
  if (error instanceof OAuthErrorAnswer)
    return fromOAuthError(error.error, error.description, error.status, step, STEP_NAMES[step], origin);
  // openid-client wraps what our fetch threw in a ClientError ("something went wrong"): unwrap it.
  const inner =
    error instanceof oidc.ClientError && (error.cause instanceof OicError || error.cause instanceof NetworkFailure)
      ? error.cause
      : error;
  if (inner instanceof OicError) return inner;
  const what = STEP_NAMES[step];
  if (inner instanceof NetworkFailure) {
    return new OicError(
      OIC_IDENTITY_DOMAIN_UNREACHABLE,
      `the identity domain at ${origin} could not be reached during ${what} (${inner.reason}); stored tokens are kept`,
      {
        cause: inner.cause,
      },
    );
  }
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    return fromOAuthError(
      error.error,
      error.error_description,
      error instanceof oidc.ResponseBodyError ? error.status : undefined,
      step,
      what,
      origin,
    );
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0];
    const oauthError = challenge?.parameters.error ?? (error.status === 401 ? "invalid_client" : "unknown_error");
    return fromOAuthError(oauthError, challenge?.parameters.error_description, error.status, step, what, origin);
  }
  if (error instanceof oidc.ClientError) {
    const response = error.cause instanceof Response ? error.cause : undefined;
    if (response && response.status >= 500) {
      return new OicError(
        OIC_IDENTITY_DOMAIN_UNREACHABLE,
        `the identity domain at ${origin} answered HTTP ${response.status} during ${what}; stored tokens are kept`,
      );
    }
    // openid-client's own timeout or abort (its `timeout` option): no answer came back.
    if (error.code === "OAUTH_TIMEOUT" || error.code === "OAUTH_ABORT") {
      return new OicError(
        OIC_IDENTITY_DOMAIN_UNREACHABLE,
        `the identity domain at ${origin} could not be reached during ${what} (timed out); stored tokens are kept`,
      );
    }
    if (error.code !== undefined && UNREADABLE.has(error.code) && (!response || response.ok)) {
      return new OicError(
        OIC_INVALID_RESPONSE,
        `the identity domain at ${origin} sent an answer to ${what} that cannot be read (${error.code})`,
      );
    }
    const code =
      step === "discovery" ? OIC_CONFIGURATION : LOGIN_STEPS.has(step) ? OIC_LOGIN_FAILED : OIC_TOKEN_REQUEST_FAILED;
    const status = response ? ` (HTTP ${response.status})` : "";
    return new OicError(
      code,
      `${what} at ${origin} failed: ${error.message}${status}${error.code ? ` [${error.code}]` : ""}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new OicError(
    LOGIN_STEPS.has(step) ? OIC_LOGIN_FAILED : OIC_TOKEN_REQUEST_FAILED,
    `${what} at ${origin} failed: ${redact(message)}`,
  );
}

/** An OAuth error answer read by the runtime itself (requests openid-client does not make, e.g. the device request). */
export class OAuthErrorAnswer extends Error {
  constructor(
    readonly error: string,
    readonly description: string | undefined,
    readonly status: number,
  ) {
    super(error);
  }
}

/** openid-client codes for a success answer whose body is not what OAuth says it must be. */
const UNREADABLE = new Set(["OAUTH_PARSE_ERROR", "OAUTH_RESPONSE_IS_NOT_JSON", "OAUTH_INVALID_RESPONSE"]);

function fromOAuthError(
  oauthError: string,
  description: string | undefined,
  status: number | undefined,
  step: TokenStep,
  what: string,
  origin: string,
): OicError {
  const detail = description ? `: ${redact(description)}` : "";
  if (oauthError === "invalid_client") {
    return new OicOAuthError(
      OIC_INVALID_CLIENT,
      `the identity domain at ${origin} rejected the client id or secret (invalid_client)${detail}; check clientId and clientSecret (or clientKey: key, kid and audience)`,
      { oauthError, status },
    );
  }
  if (status !== undefined && status >= 500) {
    return new OicError(
      OIC_IDENTITY_DOMAIN_UNREACHABLE,
      `the identity domain at ${origin} answered HTTP ${status} (${oauthError}) during ${what}; stored tokens are kept`,
    );
  }
  if (step === "device_code" && oauthError === "access_denied") {
    return new OicOAuthError(OIC_LOGIN_DENIED, `the sign-in was denied at ${origin} (access_denied${detail})`, {
      oauthError,
      status,
    });
  }
  if (step === "device_code" && oauthError === "expired_token") {
    return new OicOAuthError(
      OIC_LOGIN_TIMEOUT,
      `the device code expired before the sign-in was completed at ${origin}: start again`,
      { oauthError, status },
    );
  }
  if (step === "refresh_token" && oauthError === "invalid_grant") {
    return new OicLoginRequiredError(
      `the identity domain at ${origin} no longer accepts the refresh token (invalid_grant${detail}): sign in again; stored tokens were cleared`,
    );
  }
  const code = LOGIN_STEPS.has(step) ? OIC_LOGIN_FAILED : OIC_TOKEN_REQUEST_FAILED;
  const statusText = status ? ` with HTTP ${status}` : "";
  return new OicOAuthError(code, `${what} at ${origin} failed${statusText}: ${oauthError}${detail}`, {
    oauthError,
    status,
  });
}
