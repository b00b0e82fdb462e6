import type { Integration } from "../model/types.js";
import { catalogueEntry, type CatalogueEntry } from "./catalogue.js";
import { emitOperations } from "./operations-file.js";

export interface EmitResult {
  files: { path: string; content: string }[];
  catalogue: CatalogueEntry;
}

/** Model (and its openapi-typescript types) → its folder: `types.ts` and `index.ts`, and its catalogue entry. */
export async function emitIntegration(integration: Integration, types: string): Promise<EmitResult> {
  return {
    files: [
      { path: `${integration.folder}/types.ts`, content: types },
      { path: `${integration.folder}/index.ts`, content: await emitOperations(integration) },
    ],
    catalogue: catalogueEntry(integration),
  };
}
