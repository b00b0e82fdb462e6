import { dirname, relative, resolve, sep } from "node:path";
import { insideRoots } from "../load/check-refs.js";
import { type FileCache, isProblem, type RawFile } from "../load/file-cache.js";
import { hashInputs } from "../load/hash-inputs.js";
import { sourceName } from "../load/source-name.js";
import type { ModuleNamePins } from "../model/module-names.js";
import { OUTPUT_GENERATOR } from "../version.js";
import type { Manifest, ManifestIntegration } from "../write/manifest.js";
import { stillCurrent } from "./plan-specs.js";

/** Specs found unchanged before parsing: their records by entry path, and the files they reference. */
export interface UnchangedInputs {
  records: Map<string, ManifestIntegration>;
  /** Absolute paths of the files the reused specs reach by `$ref` (they need no check of their own). */
  dependencies: Set<string>;
}

/**
 * Before anything is parsed: the input files that are specs the previous run recorded, whose bytes and those
 * of every file they reference hash as recorded (read, never parsed), under the same module name, with their
 * generated files intact. Their records are reused as they are; every other file goes through the checks. A
 * record without the list of its references (`dependencies`) stands only for a spec that has none.
 */
export async function findUnchangedInputs(
  files: readonly string[],
  roots: readonly string[],
  outDir: string,
  previous: Manifest | undefined,
  pins: ModuleNamePins,
  cache: FileCache,
): Promise<UnchangedInputs> {
  const unchanged: UnchangedInputs = { records: new Map(), dependencies: new Set() };
  if (previous?.generator !== OUTPUT_GENERATOR) return unchanged;
  const bySource = new Map(previous.integrations.map((record) => [record.source, record]));
  const found = await Promise.all(
    files.map(async (path) => {
      const record = bySource.get(sourceName(path, roots));
      if (!record) return undefined;
      const dependencies = (record.dependencies ?? []).map((dependency) => resolve(dirname(path), dependency));
      // The `$ref` check admits only files inside the input folders: a record is no licence to read others.
      if (!dependencies.every((dependency) => insideRoots(dependency, roots))) return undefined;
      const read = await Promise.all([path, ...dependencies].map((file) => cache.read(file)));
      const raw = read.flatMap((file) => (isProblem(file) ? [] : [file]));
      if (raw.length !== read.length) return undefined;
      return stillCurrent(outDir, record, hashOf(raw), previous, pins, cache.trusted)
        ? { path, record, dependencies }
        : undefined;
    }),
  );
  for (const entry of found) {
    if (!entry) continue;
    unchanged.records.set(entry.path, entry.record);
    for (const dependency of entry.dependencies) unchanged.dependencies.add(dependency);
  }
  return unchanged;
}

// Under --watch the cache hands out the very same files while their stamps hold: their hash is not computed again.
const hashes = new WeakMap<RawFile, { files: readonly RawFile[]; hash: string }>();

/** `hashInputs` of the files' texts, remembered for the same files (entry first). */
function hashOf(files: readonly RawFile[]): string {
  const known = hashes.get(files[0]!);
  if (known && known.files.length === files.length && known.files.every((file, i) => file === files[i]))
    return known.hash;
  const hash = hashInputs(files.map((file) => file.text));
  hashes.set(files[0]!, { files, hash });
  return hash;
}

/** How a record lists the files a spec references: relative to the spec's folder, `/`-separated. */
export function dependencyPaths(entryPath: string, dependencies: readonly { path: string }[]): string[] {
  return dependencies.map((dependency) => relative(dirname(entryPath), dependency.path).split(sep).join("/"));
}
