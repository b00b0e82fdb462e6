/** Stable codes carried by every error the runtime throws, for `switch (error.code)`. */
export type OicErrorCode =
  /** OIC answered outside 2xx ({@link OicHttpError}). */
  | "OIC_HTTP_ERROR"
  /** No usable tokens: the user must sign in (again) ({@link OicLoginRequiredError}). */
  | "OIC_LOGIN_REQUIRED"
  /** The identity domain could not be reached or did not answer in time; stored tokens are kept. */
  | "OIC_IDENTITY_DOMAIN_UNREACHABLE"
  /** The token endpoint refused a request for another reason ({@link OicOAuthError}). */
  | "OIC_TOKEN_REQUEST_FAILED"
  /** The identity domain rejected the client id or secret (`invalid_client`). */
  | "OIC_INVALID_CLIENT"
  /** A sign-in did not complete: error in the authorization response, rejected code, bad callback. */
  | "OIC_LOGIN_FAILED"
  /** A callback's `state` does not belong to the login in progress (possible CSRF or a stale tab). */
  | "OIC_STATE_MISMATCH"
  /** Nobody completed the sign-in within the allowed time. */
  | "OIC_LOGIN_TIMEOUT"
  /** The caller's `AbortSignal` fired. */
  | "OIC_ABORTED"
  /** Tokens could not be read from or written to the token store. */
  | "OIC_TOKEN_STORE_FAILED"
  /** Invalid options, or a discovery document that cannot be used. */
  | "OIC_CONFIGURATION";

/** Base class of the runtime's errors. Messages never contain tokens, codes, verifiers or secrets. */
export class OicError extends Error {
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
    super("OIC_LOGIN_REQUIRED", message, options);
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
  return error instanceof OicError && error.code === "OIC_LOGIN_REQUIRED";
}

/**
 * OIC answered with a status outside 2xx. `body` is the parsed error body (JSON when it parses, else text),
 * typed by the generated function's `...Error` type.
 */
export class OicHttpError<TBody = unknown> extends OicError {
  readonly status: number;
  readonly body: TBody;
  readonly response: Response;
  constructor(method: string, url: string, response: Response, body: TBody) {
    super("OIC_HTTP_ERROR", `${method} ${stripQuery(url)} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    this.name = "OicHttpError";
    this.status = response.status;
    this.body = body;
    this.response = response;
  }
}

/** Query strings may carry user data; error messages keep only the path. */
function stripQuery(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? url : url.slice(0, at);
}

/** True when `error` is an HTTP error from OIC; narrow the body type with the generated `...Error` alias. */
export function isOicHttpError<TBody = unknown>(error: unknown): error is OicHttpError<TBody> {
  return error instanceof OicHttpError;
}
