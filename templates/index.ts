// Template of the generated index. The emitter (generator/src/emit/index-file.ts) repeats the export per
// integration and fills the catalogue with plain literals. This file type-checks as it is.
export * as templateModule from "./integration/operations.js";

/** One operation of an integration, as listed in {@link catalogue}. */
export interface CatalogueOperation {
  /** Name of the generated function. */
  readonly name: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
  /** Path from the instance root. */
  readonly path: string;
  readonly deprecated: boolean;
}

/** One integration, as listed in {@link catalogue}. */
export interface CatalogueEntry {
  /** Name of the exported module namespace. */
  readonly module: string;
  /** Integration code, or null for a spec that is not an OIC endpoint. */
  readonly code: string | null;
  /** Version as it appears in the URL (`1.0`). */
  readonly version: string | null;
  /** Gen3 project, when project-scoped. */
  readonly project: string | null;
  readonly title: string;
  /** The spec file it was generated from. */
  readonly source: string;
  readonly operations: readonly CatalogueOperation[];
}

// Typed by its declaration, not `as const`: a literal type per entry and operation cost the app's type-check
// more than the whole rest of the index (scripts/typecheck-cost.mjs).
/** Every generated integration with its operations. */
export const catalogue: readonly CatalogueEntry[] = [
  { module: "templateModule", code: "TEMPLATE", version: "1.0", project: null, title: "Template", source: "specs/template.json", operations: [{ name: "templateOperation", method: "POST", path: "/template/{id}", deprecated: false }] },
];
