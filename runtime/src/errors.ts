import { OIC_LOGIN_REQUIRED, type OicErrorCode } from "./error-codes.js";

export type { OicErrorCode } from "./error-codes.js";

/** Base class of the runtime's errors. Messages never contain tokens, codes, verifiers or secrets. */
export class OicError extends Error {
  /** A stable code (see the `OIC_*` constants); compare with it, never with the message. */
  readonly code: OicErrorCode;
  constructor(code: OicErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OicError";
    this.code = code;
  }
}

/**
 * The stored tokens can no longer be used (none stored, or the identity domain answered `invalid_grant`
 * to a refresh: revoked, expired or already-spent refresh token). The store has been cleared; send the
 * user through a login again.
 */
export class OicLoginRequiredError extends OicError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(OIC_LOGIN_REQUIRED, message, options);
    this.name = "OicLoginRequiredError";
  }
}

/**
 * The identity domain answered an OAuth error (RFC 6749 section 5.2). `oauthError` is the `error` member
 * (e.g. `invalid_client`); the description is kept in the message with anything token-like redacted.
 */
export class OicOAuthError extends OicError {
  readonly oauthError: string;
  readonly status: number | undefined;
  constructor(code: OicErrorCode, message: string, details: { oauthError: string; status?: number }) {
    super(code, message);
    this.name = "OicOAuthError";
    this.oauthError = details.oauthError;
    this.status = details.status;
  }
}

/** True when `error` says the user has to sign in again (see {@link OicLoginRequiredError}). */
export function isLoginRequired(error: unknown): error is OicLoginRequiredError {
  return error instanceof OicError && error.code === OIC_LOGIN_REQUIRED;
}
