import { isObject, own, type JsonObject } from "../load/json-walk.js";
import type { PreparedSpec } from "../load/load-specs.js";
import { buildOperations } from "./build-operations.js";
import { integrationIdentity, integrationTitle } from "./integration-identity.js";
import { moduleNameFor, type ModuleNamePins } from "./module-names.js";
import { camelCase, NameAllocator, pascalCase } from "./names.js";
import type { Integration, Operation, SchemaType } from "./types.js";

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
    ...withSchemas(spec.document, buildOperations(spec.document, basePath)),
  };
}

/** The operations, and a type name per component schema that stays clear of every name the operations use. */
function withSchemas(doc: JsonObject, operations: Operation[]): { operations: Operation[]; schemas: SchemaType[] } {
  const taken = new NameAllocator();
  for (const operation of operations) {
    const Name = pascalCase(operation.name);
    for (const name of [operation.name, `${Name}Input`, `${Name}Result`, `${Name}Error`, `${Name}Operation`])
      taken.allocate(name);
  }
  const operationNames = new NameAllocator(
    operations.flatMap((operation) =>
      ["", "Input", "Result", "Error", "Operation"].map((suffix) => `${pascalCase(operation.name)}${suffix}`),
    ),
  );
  const components = own(doc, "components");
  const declared = isObject(components) ? own(components, "schemas") : undefined;
  const schemas: SchemaType[] = [];
  if (!isObject(declared)) return { operations, schemas };
  for (const key of Object.keys(declared)) {
    const schema = declared[key];
    let base = pascalCase(camelCase(key, "schema"));
    // An operation's types keep their names; a schema that would take one is told apart by a suffix.
    if (operationNames.has(base) || RESERVED_TYPES.has(base)) base = `${base}Schema`;
    const description = isObject(schema) ? (own(schema, "description") ?? own(schema, "title")) : undefined;
    schemas.push({
      name: taken.allocate(base),
      key,
      description: typeof description === "string" && description.trim() !== "" ? description : undefined,
      deprecated: isObject(schema) && own(schema, "deprecated") === true,
    });
  }
  return { operations, schemas };
}

// Names the integration's module imports or that would shadow a global type an app expects to use.
const RESERVED_TYPES = new Set([
  "OicClient",
  "CallOptions",
  "OperationDescriptor",
  "Promise",
  "Record",
  "Partial",
  "Array",
  "Blob",
  "FormData",
  "URLSearchParams",
  "Uint8Array",
  "ArrayBuffer",
  "Error",
  "Date",
  "Object",
  "String",
  "Number",
  "Boolean",
  "NaN",
  "Infinity",
]);
