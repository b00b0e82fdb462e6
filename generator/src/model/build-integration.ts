import type { PreparedSpec } from "../load/load-specs.js";
import { buildOperations } from "./build-operations.js";
import { integrationIdentity, integrationTitle } from "./integration-identity.js";
import { moduleNameFor, type ModuleNamePins } from "./module-names.js";
import type { Integration } from "./types.js";

/**
 * The model of one spec, from its prepared document only: which integration it is, what its module is called,
 * and its operations. Everything that needs "the operations of a spec" (the emitter, the sandbox) calls this.
 */
export function buildIntegration(spec: PreparedSpec, pins?: ModuleNamePins): Integration {
  const { identity, basePath } = integrationIdentity(spec.document);
  const { title, description } = integrationTitle(spec.document, spec.source);
  return {
    source: spec.source,
    identity,
    title,
    description,
    ...moduleNameFor({ identity, title, source: spec.source }, pins),
    operations: buildOperations(spec.document, basePath),
  };
}
