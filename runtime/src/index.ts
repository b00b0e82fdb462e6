export {
  createOicClient,
  DEFAULT_TIMEOUT_MS,
  type OicClient,
  type OicClientOptions,
  type OicCallSettings,
  type OicHttp,
} from "./client.js";
export type { MediaKind } from "./media.js";
export {
  invoke,
  type OperationDescriptor,
  type OperationInput,
  type CallOptions,
  type StreamOption,
  type ResponseKind,
} from "./call/invoke.js";
export { DEFAULT_RETRY, RETRY_STATUSES, type RetryOptions, type RetryPolicy } from "./call/retry.js";
export type { AttemptEvent, AttemptHook } from "./call/hooks.js";
export type { Clock } from "./call/clock.js";
export { OicError, OicLoginRequiredError, OicOAuthError, isLoginRequired } from "./errors.js";
export { OicHttpError, isOicHttpError, type HttpErrorContext } from "./http-error.js";
export type { OicFault, OicFaultDetail } from "./fault.js";
export * from "./error-codes.js";
export type { OicAuth } from "./auth/types.js";

// Where the identity domain is, and the scope that reaches an instance.
export {
  identityDomain,
  type IdentityDomain,
  type IdentityDomainOptions,
  type IdentityDomainEndpoints,
} from "./auth/discovery.js";
export type { DomainChoice } from "./auth/domain-choice.js";
export { IDCS_ASSERTION_AUDIENCE, type ClientKeyOptions } from "./auth/client-authentication.js";
export type { PrivateKeyInput, PrivateKeyObjectLike } from "./auth/private-key.js";
export { oicScope, oicAudience } from "./auth/scope.js";

// How tokens are obtained.
export {
  authorizationCode,
  type AuthorizationCodeAuth,
  type AuthorizationCodeOptions,
  type AuthorizationCodeSettings,
  type LoginMode,
  type LoginRequest,
  type CustomLogin,
} from "./auth/authorization-code.js";
export {
  deviceCode,
  type DeviceCodeAuth,
  type DeviceCodeOptions,
  type DeviceCodeSettings,
  type DeviceCodePrompt,
} from "./auth/device-code.js";
export {
  userAssertion,
  type UserAssertionAuth,
  type UserAssertionOptions,
  type UserAssertionSettings,
} from "./auth/user-assertion.js";
export type { UserAuth } from "./auth/user-session.js";
export {
  clientCredentials,
  type ClientCredentialsAuth,
  type ClientCredentialsOptions,
  type ClientCredentialsSettings,
} from "./auth/client-credentials.js";
export {
  startWebLogin,
  finishWebLogin,
  type StartWebLoginOptions,
  type WebLoginStart,
  type FinishWebLoginOptions,
  type WebLoginResult,
} from "./auth/web-login.js";
export type { PendingLogin } from "./auth/pending-login.js";

// When tokens are renewed.
export type { RefreshAhead, SessionStatus } from "./auth/session-status.js";

// Where tokens are kept.
export type { TokenStore, StoredTokens, LoginKey, TokenStoreChoice } from "./auth/stores/types.js";
export { parseStoredTokens } from "./auth/stores/types.js";
export { memoryTokenStore } from "./auth/stores/memory.js";
