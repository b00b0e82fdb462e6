import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import type { CatalogueEntry } from "./emit/catalogue.js";
import type { EmitJob } from "./emit/emit-integration.js";
import { emitAll, threadsFor, WorkerPool } from "./emit/worker-pool.js";
import { SpecError, UsageError, type SpecProblem } from "./errors.js";
import { FileCache } from "./load/file-cache.js";
import { findInputs } from "./load/find-inputs.js";
import type { JsonObject } from "./load/json-walk.js";
import { checkSpecs, type CheckedSpec } from "./load/load-specs.js";
import { describeSpec } from "./model/describe-spec.js";
import { assignModuleNames } from "./model/module-names.js";
import { MANIFEST_NAME, readManifest, serializeManifest, sha256, type Manifest, type ManifestIntegration } from "./write/manifest.js";
import { withOutputLock } from "./write/output-lock.js";
import { diffOutput, findConflicts, isInside, recoverInterruptedWrite, verifyFiles, writeOutput, type OutputChanges, type PlannedFile } from "./write/write-output.js";

export const GENERATOR_VERSION = `oic-gen@${(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version}`;

export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

export interface GenerateOptions {
  /** Spec files or folders (walked recursively). */
  inputs: readonly string[];
  /** Output folder. */
  out: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Largest spec file accepted, in bytes. */
  maxFileSize?: number;
  /** Threads to use at most (the main thread counts as one). */
  jobs?: number;
  /** Parsed files kept between runs; `--watch` passes the same cache to every run. */
  cache?: FileCache;
}

export interface GenerateResult {
  integrations: number;
  operations: number;
  /** Integrations emitted afresh (the others were unchanged since the last run). */
  emitted: number;
  changes: OutputChanges;
}

/** The whole pipeline: load → model → emit → write. Throws `SpecError` (every problem) or `UsageError`. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = resolve(options.out);
  const { files, roots } = await findInputs(options.inputs);
  checkOutputFolder(outDir, roots, files);
  return withOutputLock(outDir, async () => {
    // Undoing a crashed swap restores the user's previous output; it is not a write, so --check does it too.
    await recoverInterruptedWrite(outDir);
    return generateLocked(options, outDir, files, roots);
  });
}

async function generateLocked(options: GenerateOptions, outDir: string, files: string[], roots: string[]): Promise<GenerateResult> {
  // A first run over many specs will need worker threads: start them now, to load while specs are checked.
  const pool = !existsSync(resolve(outDir, MANIFEST_NAME)) && threadsFor(files.length, options.jobs) > 1 ? new WorkerPool(threadsFor(files.length, options.jobs) - 1) : undefined;
  try {
    return await run(options, outDir, files, roots, pool);
  } finally {
    await pool?.close();
  }
}

async function run(options: GenerateOptions, outDir: string, files: string[], roots: string[], pool: WorkerPool | undefined): Promise<GenerateResult> {
  const cache = options.cache ?? new FileCache(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  const { specs, problems } = await checkSpecs(files, { roots, cache });
  if (problems.length > 0) throw new SpecError(problems);

  const summaries = specs.map((spec) => describeSpec(spec.entry.value as JsonObject, spec.version, spec.entry.path));
  const names = assignModuleNames(summaries);
  const read = await readManifest(outDir);
  if (read === "invalid") throw new UsageError(`${join(outDir, MANIFEST_NAME)} is damaged (not what oic-gen writes): delete the output folder, or that file, and generate again`);
  const previous = read;
  const reusable = previous?.generator === GENERATOR_VERSION ? new Map(previous.integrations.map((entry) => [entry.source, entry])) : new Map<string, ManifestIntegration>();

  const records: (ManifestIntegration | undefined)[] = [];
  const jobs: { index: number; job: EmitJob }[] = [];
  const sources = specs.map((spec) => sourceName(spec, roots));
  const current = await Promise.all(
    specs.map(async (spec, index) => {
      const old = reusable.get(sources[index]!);
      const { moduleName, folder } = names[index]!;
      const same = old && old.hash === spec.hash && old.catalogue.module === moduleName && old.catalogue.folder === folder;
      return same && (await verifyFiles(outDir, old.files, previous!)) ? old : undefined;
    }),
  );
  for (const [index, spec] of specs.entries()) {
    const source = sources[index]!;
    const { moduleName, folder } = names[index]!;
    if (current[index]) {
      records.push(current[index]);
      continue;
    }
    records.push(undefined);
    const summary = summaries[index]!;
    jobs.push({
      index,
      job: {
        entryPath: spec.entry.path,
        text: spec.entry.text,
        value: spec.entry.value,
        version: spec.version,
        dependencies: spec.dependencies.map(({ path, text }) => ({ path, text })),
        header: { source, identity: summary.identity, title: summary.title, description: summary.description, moduleName, folder },
      },
    });
  }

  const planned = new Map<string, PlannedFile>();
  const emitProblems: SpecProblem[] = [];
  const outcomes = await emitAll(jobs.map(({ job }) => job), options.jobs, pool);
  outcomes.forEach((outcome, i) => {
    const { index, job } = jobs[i]!;
    if (!outcome.ok) return void emitProblems.push({ file: job.header.source, pointer: "#", message: `could not generate: ${outcome.message}` });
    for (const file of outcome.result.files) planned.set(file.path, { content: file.content });
    records[index] = { source: job.header.source, hash: specs[index]!.hash, catalogue: outcome.result.catalogue, files: outcome.result.files.map((file) => file.path) };
  });
  if (emitProblems.length > 0) throw new SpecError(emitProblems);
  const integrations = records as ManifestIntegration[];
  for (const record of integrations) for (const path of record.files) if (!planned.has(path)) planned.set(path, { unchanged: true });

  const index = await planIndex(outDir, integrations.map((record) => record.catalogue), previous, jobs.length === 0);
  planned.set("index.ts", index);
  const manifest: Manifest = { generator: GENERATOR_VERSION, files: {}, integrations };
  for (const [path, file] of planned) manifest.files[path] = "content" in file ? sha256(file.content) : previous!.files[path]!;
  planned.set(MANIFEST_NAME, { content: serializeManifest(manifest) });

  const conflicts = await findConflicts(outDir, planned, previous);
  if (conflicts.length > 0) throw new UsageError(`refusing to write to ${outDir}:\n  ${conflicts.join("\n  ")}`);
  const changes = await diffOutput(outDir, planned, previous);
  const changed = changes.added.length + changes.changed.length + changes.removed.length > 0;
  if (!options.check && changed) await writeOutput(outDir, planned, previous);
  return {
    integrations: integrations.length,
    operations: integrations.reduce((sum, record) => sum + record.catalogue.operations.length, 0),
    emitted: jobs.length,
    changes,
  };
}

/** The index is re-emitted only when some integration was; otherwise the verified file on disk is current. */
async function planIndex(outDir: string, entries: CatalogueEntry[], previous: Manifest | undefined, nothingEmitted: boolean): Promise<PlannedFile> {
  const sameList = JSON.stringify(entries) === JSON.stringify(previous?.integrations.map((record) => record.catalogue));
  if (nothingEmitted && sameList && previous && (await verifyFiles(outDir, ["index.ts"], previous))) return { unchanged: true };
  const { emitIndex } = await import("./emit/index-file.js");
  return { content: await emitIndex(entries) };
}

/**
 * How a spec is named in generated comments, the catalogue and the manifest: relative to the input folder it
 * was found in, with that folder's name (`specs/ORDERS_SYNC_01.00.0000.swagger.json`), whatever the working
 * directory, so the same inputs give the same bytes from anywhere.
 */
function sourceName(spec: CheckedSpec, roots: readonly string[]): string {
  const root = roots.find((candidate) => isInside(spec.entry.path, candidate)) ?? dirname(spec.entry.path);
  return `${basename(root)}/${relative(root, spec.entry.path)}`.split(sep).join("/");
}

/** Refuses output folders where writing could damage inputs or the project. */
function checkOutputFolder(outDir: string, roots: readonly string[], files: readonly string[]): void {
  const cwd = process.cwd();
  if (isInside(cwd, outDir)) throw new UsageError(`refusing to write to ${outDir}: it is the current folder or one of its parents`);
  for (const root of roots) {
    if (isInside(root, outDir)) throw new UsageError(`refusing to write to ${outDir}: it contains the input folder ${root}`);
    if (isInside(outDir, root)) throw new UsageError(`refusing to write to ${outDir}: it is inside the input folder ${root}`);
  }
  for (const file of files) if (isInside(file, outDir)) throw new UsageError(`refusing to write to ${outDir}: it contains the input ${file}`);
  if (existsSync(outDir) && existsSync(resolve(outDir, "package.json"))) throw new UsageError(`refusing to write to ${outDir}: it holds a package.json (a project root, not an output folder)`);
}
