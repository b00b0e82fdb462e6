import type { JsonObject } from "../load/json-walk.js";
import { prepareDocument, type PrepareInput } from "../load/load-specs.js";
import { buildOperations } from "../model/build-operations.js";
import { firstServerPath } from "../model/describe-spec.js";
import type { Integration, OicIdentity } from "../model/types.js";
import { catalogueEntry, type CatalogueEntry } from "./catalogue.js";
import { emitOperations } from "./operations-file.js";
import { emitTypes } from "./types-file.js";

/** Everything a worker needs to emit one integration: plain data, so it crosses thread boundaries. */
export interface EmitJob extends PrepareInput {
  source: string;
  identity: OicIdentity | null;
  title: string;
  description: string | undefined;
  moduleName: string;
  folder: string;
}

export interface EmitResult {
  files: { path: string; content: string }[];
  catalogue: CatalogueEntry;
}

/** One spec → its folder: `types.ts` (openapi-typescript) and `index.ts` (functions from the template). */
export async function emitIntegration(job: EmitJob): Promise<EmitResult> {
  const doc: JsonObject = await prepareDocument(job);
  const integration: Integration = {
    source: job.source,
    identity: job.identity,
    title: job.title,
    description: job.description,
    moduleName: job.moduleName,
    folder: job.folder,
    operations: buildOperations(doc, firstServerPath(doc)),
  };
  const [types, operations] = await Promise.all([emitTypes(doc, job.source), emitOperations(integration)]);
  return {
    files: [
      { path: `${job.folder}/types.ts`, content: types },
      { path: `${job.folder}/index.ts`, content: operations },
    ],
    catalogue: catalogueEntry(integration),
  };
}
