import type { JsonObject } from "../load/json-walk.js";
import { prepareDocument, type PrepareInput } from "../load/load-specs.js";
import { buildOperations } from "../model/build-operations.js";
import { firstServerPath } from "../model/describe-spec.js";
import type { Integration } from "../model/types.js";
import { catalogueEntry, type CatalogueEntry } from "./catalogue.js";
import { emitOperations } from "./operations-file.js";
import { emitTypes } from "./types-file.js";

/** What is known of an integration before its document is read (its operations come from the document). */
export type IntegrationHeader = Omit<Integration, "operations">;

/** Everything a worker needs to emit one integration: plain data, so it crosses thread boundaries. */
export interface EmitJob extends PrepareInput {
  header: IntegrationHeader;
}

export interface EmitResult {
  files: { path: string; content: string }[];
  catalogue: CatalogueEntry;
}

/** The half of emission that needs openapi-typescript: the document, its model and its types. */
export interface TypedIntegration {
  integration: Integration;
  types: string;
}

/** Spec → model and `types.ts` text. Runs on worker threads (it loads only openapi-typescript's TypeScript). */
export async function typeIntegration(job: EmitJob): Promise<TypedIntegration> {
  const doc: JsonObject = await prepareDocument(job);
  const integration: Integration = { ...job.header, operations: buildOperations(doc, firstServerPath(doc)) };
  return { integration, types: await emitTypes(doc, job.header.source) };
}

/** Model → its folder: `types.ts` and `index.ts` (functions from the template, printed with ts-morph). */
export async function finishIntegration({ integration, types }: TypedIntegration): Promise<EmitResult> {
  return {
    files: [
      { path: `${integration.folder}/types.ts`, content: types },
      { path: `${integration.folder}/index.ts`, content: await emitOperations(integration) },
    ],
    catalogue: catalogueEntry(integration),
  };
}
