// Every error the runtime throws carries one of these codes. They are exported as constants (as oauth4webapi
// does) so that apps compare against a name the compiler checks, never against message text.

/** OIC answered outside 2xx ({@link OicHttpError}); `fault` holds OIC's parsed fault body when it sent one. */
export const OIC_HTTP_ERROR = "OIC_HTTP_ERROR";
/** The instance could not be reached: DNS failure, connection refused or reset, TLS failure. The message names the host and the cause. */
export const OIC_UNREACHABLE = "OIC_UNREACHABLE";
/** The call did not complete within its timeout (`timeoutMs`, default 310 s: just above OIC's 300 s synchronous limit). */
export const OIC_TIMEOUT = "OIC_TIMEOUT";
/** The caller's `AbortSignal` fired. */
export const OIC_ABORTED = "OIC_ABORTED";
/** A success answer (from OIC or the identity domain) whose body cannot be read as the declared type, e.g. malformed JSON. */
export const OIC_INVALID_RESPONSE = "OIC_INVALID_RESPONSE";
/** A value that cannot be sent as given, e.g. a path parameter `.` or `..`, which URLs turn into a walk up the path. */
export const OIC_INVALID_INPUT = "OIC_INVALID_INPUT";
/** No usable tokens: the user must sign in (again) ({@link OicLoginRequiredError}). */
export const OIC_LOGIN_REQUIRED = "OIC_LOGIN_REQUIRED";
/** The identity domain could not be reached, timed out or answered 5xx; stored tokens are kept. */
export const OIC_IDENTITY_DOMAIN_UNREACHABLE = "OIC_IDENTITY_DOMAIN_UNREACHABLE";
/** The token endpoint refused a request for another reason ({@link OicOAuthError}). */
export const OIC_TOKEN_REQUEST_FAILED = "OIC_TOKEN_REQUEST_FAILED";
/** The identity domain rejected the client id or secret (`invalid_client`). */
export const OIC_INVALID_CLIENT = "OIC_INVALID_CLIENT";
/** A sign-in did not complete: error in the authorization response, rejected code, bad callback. */
export const OIC_LOGIN_FAILED = "OIC_LOGIN_FAILED";
/** A callback's `state` does not belong to the login in progress (possible CSRF or a stale tab). */
export const OIC_STATE_MISMATCH = "OIC_STATE_MISMATCH";
/** The user (or the identity domain) refused the sign-in: e.g. a device code the user denied. */
export const OIC_LOGIN_DENIED = "OIC_LOGIN_DENIED";
/** Nobody completed the sign-in within the allowed time (a device code that expired included). */
export const OIC_LOGIN_TIMEOUT = "OIC_LOGIN_TIMEOUT";
/** Tokens could not be read from or written to the token store. */
export const OIC_TOKEN_STORE_FAILED = "OIC_TOKEN_STORE_FAILED";
/** Invalid options, a discovery document that cannot be used, or an auth object used with another instance. */
export const OIC_CONFIGURATION = "OIC_CONFIGURATION";

/** Stable codes carried by every error the runtime throws, for `switch (error.code)`. */
export type OicErrorCode =
  | typeof OIC_HTTP_ERROR
  | typeof OIC_UNREACHABLE
  | typeof OIC_TIMEOUT
  | typeof OIC_ABORTED
  | typeof OIC_INVALID_RESPONSE
  | typeof OIC_INVALID_INPUT
  | typeof OIC_LOGIN_REQUIRED
  | typeof OIC_IDENTITY_DOMAIN_UNREACHABLE
  | typeof OIC_TOKEN_REQUEST_FAILED
  | typeof OIC_INVALID_CLIENT
  | typeof OIC_LOGIN_FAILED
  | typeof OIC_STATE_MISMATCH
  | typeof OIC_LOGIN_DENIED
  | typeof OIC_LOGIN_TIMEOUT
  | typeof OIC_TOKEN_STORE_FAILED
  | typeof OIC_CONFIGURATION;
