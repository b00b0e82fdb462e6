import type { CatalogueEntry } from "../emit/catalogue.js";
import type { EmitResult } from "../emit/emit-integration.js";
import { OUTPUT_GENERATOR } from "../version.js";
import {
  MANIFEST_NAME,
  serializeManifest,
  sha256,
  type Manifest,
  type ManifestIntegration,
} from "../write/manifest.js";
import { filesIntact } from "../write/intact-files.js";
import type { PlannedFile } from "../write/output-changes.js";
import type { TrustedStamps } from "../write/trusted-stamps.js";

/**
 * Every file of the new output: emitted ones with their text, reused ones marked unchanged (their hashes carried
 * over from the previous manifest), the index when given, and the new manifest. Files of the previous run that
 * are not planned here are the ones `write` removes.
 */
export function planFiles(
  records: readonly ManifestIntegration[],
  emitted: readonly EmitResult[],
  index: PlannedFile,
  previous: Manifest | undefined,
): Map<string, PlannedFile> {
  const planned = new Map<string, PlannedFile>();
  for (const result of emitted) for (const file of result.files) planned.set(file.path, { content: file.content });
  for (const record of records)
    for (const path of record.files) if (!planned.has(path)) planned.set(path, { unchanged: true });
  planned.set("index.ts", index);
  const manifest: Manifest = { generator: OUTPUT_GENERATOR, files: {}, integrations: [...records] };
  for (const [path, file] of planned)
    manifest.files[path] = "content" in file ? sha256(file.content) : previous!.files[path]!;
  planned.set(MANIFEST_NAME, { content: serializeManifest(manifest) });
  return planned;
}

/**
 * Whether the index on disk is still current: written by this generator version from the same catalogue (it is
 * printed from the catalogue alone), and intact. A spec re-emitted with the same operations keeps it.
 */
export function indexUnchanged(
  outDir: string,
  entries: readonly CatalogueEntry[],
  previous: Manifest | undefined,
  trusted?: TrustedStamps,
): boolean {
  if (previous?.generator !== OUTPUT_GENERATOR) return false;
  const sameList = JSON.stringify(entries) === JSON.stringify(previous.integrations.map((record) => record.catalogue));
  return sameList && filesIntact(outDir, ["index.ts"], previous, trusted);
}
