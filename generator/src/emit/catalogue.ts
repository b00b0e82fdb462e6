import type { Integration } from "../model/types.js";

/** What the index needs of one integration; stored in the manifest so unchanged specs need no re-parse. */
export interface CatalogueEntry {
  module: string;
  folder: string;
  code: string | null;
  version: string | null;
  project: string | null;
  title: string;
  source: string;
  operations: { name: string; method: string; path: string; deprecated: boolean }[];
}

export function catalogueEntry(integration: Integration): CatalogueEntry {
  return {
    module: integration.moduleName,
    folder: integration.folder,
    code: integration.identity?.code ?? null,
    version: integration.identity?.version ?? null,
    project: integration.identity?.project ?? null,
    title: integration.title,
    source: integration.source,
    operations: integration.operations.map(({ name, method, path, deprecated }) => ({
      name,
      method,
      path,
      deprecated,
    })),
  };
}
