import type { BodyKind, ResponseKind } from "./media.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";

/** Where an integration lives on an OIC instance, read from its URLs. */
export interface OicIdentity {
  /** Integration code, e.g. `ORDERS_SYNC`. */
  code: string;
  /** Version as it appears in the URL (`1.0`), leading zeros dropped by OIC. */
  version: string;
  /** Gen3 project, when the trigger is project-scoped. */
  project: string | null;
  /** The adapter segment after `/flows/` (`rest` for REST triggers). */
  adapter: string;
}

/** One input spec as the emitter sees it. */
export interface Integration {
  /** The spec file, as shown in messages and generated comments. */
  source: string;
  identity: OicIdentity | null;
  title: string;
  description: string | undefined;
  /** Module identifier (camelCase) and folder name (kebab-case), unique across the output. */
  moduleName: string;
  folder: string;
  operations: Operation[];
  /** A named type per component schema, so apps need not index `components["schemas"][...]`. */
  schemas: SchemaType[];
}

export interface SchemaType {
  /** Exported type name: a PascalCase identifier, unique in the module (apart from every operation's names). */
  name: string;
  /** The key in `components.schemas`. */
  key: string;
  description: string | undefined;
  deprecated: boolean;
}

/** A payload whose schema is a component schema (or an array of one): see `schemaRef`. */
export interface SchemaRef {
  /** The key in `components.schemas`. */
  key: string;
  array: boolean;
}

export interface ParameterGroup {
  /** True when at least one parameter in the group is required. */
  required: boolean;
}

export interface Operation {
  /** Function name: unique in its module, a valid identifier, never a reserved word. */
  name: string;
  method: HttpMethod;
  /** The key in the spec's `paths` (indexes openapi-typescript's `paths` type). */
  specPath: string;
  /** Full path from the instance root with `{param}` placeholders. */
  path: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  parameters: { path?: ParameterGroup; query?: ParameterGroup; header?: ParameterGroup };
  body: { mediaType: string; kind: BodyKind; required: boolean; schema?: SchemaRef } | undefined;
  /** Success statuses as keys of openapi-typescript's `responses` type (`200`, `"2XX"`, `"default"`). */
  success: { status: string; mediaType: string | undefined; schema?: SchemaRef }[];
  responseAs: ResponseKind;
  /** Error statuses that carry a body. */
  errors: { status: string; mediaType: string; schema?: SchemaRef }[];
}
