// Template of one generated operation. The emitter (generator/src/emit/operations-file.ts) reads these
// declarations with ts-morph, copies them once per operation, renames `templateOperation` and rewrites the
// types; everything that comes from a spec goes through escaping first. This file type-checks as it is.
import { invoke, type CallOptions, type OicClient, type OperationDescriptor } from "@oic-gen/runtime";
import type { components, paths } from "./types.js";

type TemplateOperationOperation = paths["/template/{id}"]["post"];

/** Input of {@link templateOperation}: parameters, body and per-call options. */
export interface TemplateOperationInput extends CallOptions {
  /** Path parameters. */
  path: TemplateOperationOperation["parameters"]["path"];
  /** Query parameters. */
  query?: NonNullable<TemplateOperationOperation["parameters"]["query"]>;
  /** Header parameters. */
  header?: NonNullable<TemplateOperationOperation["parameters"]["header"]>;
  /** Request body. */
  body?: NonNullable<TemplateOperationOperation["requestBody"]>["content"]["application/json"];
}

/** What {@link templateOperation} resolves to. */
export type TemplateOperationResult = TemplateOperationOperation["responses"][200]["content"]["application/json"];

/** The body of an error answer of {@link templateOperation}, found in `OicHttpError.body`. */
export type TemplateOperationError = TemplateOperationOperation["responses"][400]["content"]["application/json"];

const templateOperation$: OperationDescriptor = { method: "POST", path: "/template/{id}", requestType: "application/json", accept: "application/json", responseAs: "json" };

/**
 * Summary and description of the operation.
 * @throws {import("@oic-gen/runtime").OicHttpError<TemplateOperationError>} when OIC answers outside 2xx
 */
export function templateOperation(client: OicClient, input: TemplateOperationInput): Promise<TemplateOperationResult> {
  // The runtime returns the body as the server sent it (`unknown`); the spec says what it is.
  return invoke(client, templateOperation$, input) as Promise<TemplateOperationResult>;
}

/** Description of the schema. */
export type TemplateSchema = components["schemas"]["Template"];
