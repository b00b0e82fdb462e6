// @oic-gen/runtime/internal: what the generator, the sandbox and the tests share with the runtime. Not part of
// the public API: it may change in any release.
export { mediaKind, type MediaKind } from "./media.js";
export { serializeBody } from "./call/serialize-body.js";
export { fillPathSegments } from "./call/path-segments.js";
export { CONSUMER_SCOPE_SUFFIX, MANAGEMENT_SCOPE_SUFFIX } from "./auth/scope.js";
export { IDCS_ISSUER, discoveryUrl } from "./auth/discovery.js";
export { configurationOf } from "./auth/domain-configuration.js";
export { defaultRefreshAhead } from "./auth/session.js";
export { tokenBinding, loginInstance } from "./auth/instance-binding.js";
