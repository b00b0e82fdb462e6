import { SpecError, type SpecProblem } from "../errors.js";
import { bundleFiles, type CheckedFile } from "./bundle.js";
import { checkRefs } from "./check-refs.js";
import { checkSchemas } from "./check-schemas.js";
import { checkStructure, specVersion, type SpecVersion } from "./check-structure.js";
import { type FileCache, isProblem, type LoadedFile } from "./file-cache.js";
import { hashInputs } from "./hash-inputs.js";
import type { JsonObject } from "./json-walk.js";
import { breakTypeCycles } from "./break-type-cycles.js";
import { hoistDeepRefs } from "./hoist-deep-refs.js";
import { checkExpansion, DEFAULT_MAX_EXPANSION } from "./limit-expansion.js";
import { uniqueOperationIds } from "./unique-operation-ids.js";
import { repairPaths } from "./repair-paths.js";
import { repairSchemaTypes } from "./repair-schemas.js";
import { sourceName } from "./source-name.js";
import { upgradeSwagger2 } from "./upgrade.js";

/** A spec that passed every check, before it is upgraded/bundled (that work may be skipped by the cache). */
export interface CheckedSpec {
  /** The spec's name in messages, generated comments and the manifest (see `sourceName`). */
  source: string;
  entry: LoadedFile;
  version: SpecVersion;
  dependencies: LoadedFile[];
  /** Hash of the entry's and its dependencies' bytes: unchanged hash, unchanged output. */
  hash: string;
  /** What the checks accepted with a warning (kept in the manifest, repeated when the spec is reused). */
  warnings: SpecProblem[];
}

export interface LoadOptions {
  roots: readonly string[];
  /** Parsed files, possibly kept from an earlier run (see `FileCache`). */
  cache: FileCache;
  /** Files known to be reached by `$ref` from specs that are not checked again (reused unparsed). */
  referenced?: Iterable<string>;
}

/**
 * Reads, parses and checks every file. Files without an `openapi`/`swagger` key are accepted only when another
 * spec reaches them by `$ref` (schema fragments); otherwise they are reported like any other bad input.
 */
export async function checkSpecs(
  files: readonly string[],
  options: LoadOptions,
): Promise<{
  specs: CheckedSpec[];
  problems: SpecProblem[];
  warnings: SpecProblem[];
  /** The same warnings by the file whose check found them. */
  warningsByFile: Map<string, SpecProblem[]>;
}> {
  const cache = options.cache;
  cache.newRun();
  const problems: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  const warningsByFile = new Map<string, SpecProblem[]>();
  const specs: CheckedSpec[] = [];
  const fragments: { file: LoadedFile; problem: SpecProblem }[] = [];
  const referenced = new Set<string>(options.referenced);
  // Read and parse every file at once (I/O overlaps); check them in order so messages are stable.
  const all = await Promise.all(files.map((path) => cache.get(path)));
  for (const loaded of all) {
    if (isProblem(loaded)) {
      problems.push(loaded);
      continue;
    }
    const version = specVersion(loaded.value, loaded.shown);
    if ("problem" in version) {
      if (version.problem.pointer === "#" && version.problem.message.startsWith("not an OpenAPI"))
        fragments.push({ file: loaded, problem: version.problem });
      else problems.push(version.problem);
      continue;
    }
    const { structural, refs } = await checkOne(loaded, version.version, options.roots, cache);
    const errors = structural.filter((problem) => problem.severity !== "warning");
    problems.push(...errors, ...refs.problems);
    const accepted = structural.filter((problem) => problem.severity === "warning");
    warnings.push(...accepted);
    warningsByFile.set(loaded.path, accepted);
    for (const dependency of refs.dependencies) referenced.add(dependency.path);
    if (errors.length === 0 && refs.problems.length === 0) {
      const source = sourceName(loaded.path, options.roots);
      specs.push({
        source,
        entry: loaded,
        version: version.version,
        dependencies: refs.dependencies,
        hash: hashInputs([loaded, ...refs.dependencies].map((file) => file.text)),
        warnings: accepted,
      });
    }
  }
  for (const fragment of fragments) if (!referenced.has(fragment.file.path)) problems.push(fragment.problem);
  return { specs, problems, warnings, warningsByFile };
}

/**
 * Checks one spec, or reuses the verdict of an earlier run (`--watch`) when neither the spec nor any file its
 * `$ref`s reached has changed: the cache hands out the same parsed object for an unchanged file.
 */
async function checkOne(loaded: LoadedFile, version: SpecVersion, roots: readonly string[], cache: FileCache) {
  const key = roots.join("\0");
  const earlier = cache.checks.get(loaded.path);
  if (earlier && earlier.entry === loaded && earlier.roots === key) {
    const current = await Promise.all(earlier.reached.map(({ path }) => cache.get(path)));
    if (current.every((file, i) => file === earlier.reached[i]!.file)) return earlier.result;
  }
  const structural = checkStructure(loaded.value as JsonObject, version, loaded.shown);
  if (!structural.some((problem) => problem.severity !== "warning"))
    structural.push(...checkSchemas(loaded.value as JsonObject, version, loaded.shown));
  const refs = await checkRefs(loaded, roots, cache);
  const result = { structural, refs };
  cache.checks.set(loaded.path, { entry: loaded, roots: key, reached: refs.reached, result });
  return result;
}

/** The parts of a checked spec that preparing its document needs (plain data: it crosses to workers). */
export interface PrepareInput {
  source: string;
  /** The entry file as shown in messages. */
  shown: string;
  entryPath: string;
  text: string;
  value: unknown;
  version: SpecVersion;
  /** The other files its `$ref`s reach, as checked (the bundler reads nothing else). */
  dependencies: CheckedFile[];
  /** How many times larger than its files the prepared document may be (`--max-expansion`). */
  maxExpansion?: number;
  /** The size of the spec's files, entry and dependencies: what `--max-expansion` is measured against. */
  inputBytes: number;
}

/** What the load stage hands on: a spec as one self-contained OpenAPI 3 document. */
export interface PreparedSpec {
  source: string;
  /** Other files inlined, Swagger 2.0 upgraded, deep `$ref`s hoisted into components, operationIds unique: every `$ref` local. */
  document: JsonObject;
  /** What preparing repaired that the check stage could not see (pointers into the prepared document). */
  warnings: SpecProblem[];
}

/** The input for preparing a checked spec (plain data, so it can be sent to a worker thread). */
export function prepareInput(spec: CheckedSpec): PrepareInput {
  return {
    source: spec.source,
    shown: spec.entry.shown,
    entryPath: spec.entry.path,
    text: spec.entry.text,
    value: spec.entry.value,
    version: spec.version,
    dependencies: spec.dependencies.map(({ path, text }) => ({ path, text })),
    inputBytes: [spec.entry, ...spec.dependencies].reduce((sum, file) => sum + file.text.length, 0),
  };
}

/** The spec as one OpenAPI 3 document: other files inlined, Swagger 2.0 upgraded. */
export async function prepareSpec(spec: PrepareInput): Promise<PreparedSpec> {
  let doc =
    spec.dependencies.length > 0
      ? await bundleFiles(spec.entryPath, [{ path: spec.entryPath, text: spec.text }, ...spec.dependencies])
      : (spec.value as JsonObject);
  const bounded = (document: JsonObject) => {
    const tooLarge = checkExpansion(document, spec.inputBytes, spec.maxExpansion ?? DEFAULT_MAX_EXPANSION);
    if (tooLarge) throw new SpecError([{ file: spec.shown, pointer: "#", message: tooLarge }]);
    return document;
  };
  // Bounded before the upgrade too: the converter would copy every expanded alias first.
  doc = bounded(doc);
  if (spec.version === "2.0") doc = await upgradeSwagger2(doc, spec.text);
  const repaired = bounded(uniqueOperationIds(repairSchemaTypes(repairPaths(hoistDeepRefs(doc)))));
  const { document, warnings } = breakTypeCycles(repaired, spec.shown);
  if (spec.version === "2.0")
    for (const warning of warnings)
      warning.pointer = warning.pointer?.replace(/^#\/components\/schemas\//, "#/definitions/") ?? null;
  return { source: spec.source, document, warnings };
}
