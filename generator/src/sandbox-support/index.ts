/**
 * `oic-gen/sandbox-support`: what `@oic-gen/sandbox` takes from the generator, so the sandbox serves exactly
 * what the generator reads (the same load and model stages). Not a public API: it changes with the sandbox,
 * which declares the generator version it works with as a peer dependency.
 */
export { DEFAULT_REDIRECT_URI } from "../defaults.js";
export { isObject, own, resolveLocal, safeDecode, type JsonObject } from "../load/json-walk.js";
export type { Operation } from "../model/types.js";
export { inputsFingerprint, loadIntegrations, type HostedIntegration } from "./load-integrations.js";
