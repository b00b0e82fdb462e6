export { createOicClient, type OicClient, type OicClientOptions } from "./client.js";
export { invoke, serializeBody, type OperationDescriptor, type OperationInput, type CallOptions, type ResponseKind } from "./invoke.js";
export { OicError, OicHttpError, isOicHttpError, type OicErrorCode } from "./errors.js";
export type { OicAuth } from "./auth/types.js";
