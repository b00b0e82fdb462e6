import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EmitResult } from "./emit/emit-integration.js";
import { SpecError, UsageError, type SpecProblem } from "./errors.js";
import { FileCache } from "./load/file-cache.js";
import { findInputs } from "./load/find-inputs.js";
import { sourceName } from "./load/source-name.js";
import { findNameClashes, type ModuleNamePins } from "./model/module-names.js";
import { isInside } from "./paths.js";
import { idleCores } from "./pipeline/idle-cores.js";
import type { WorkerPool } from "./pipeline/worker-pool.js";
import { indexUnchanged, planFiles } from "./plan/plan-files.js";
import { planSpecs } from "./plan/plan-specs.js";
import { dependencyPaths, findUnchangedInputs } from "./plan/unchanged-inputs.js";
import { DEFAULT_MAX_FILE_SIZE } from "./version.js";
import { MANIFEST_NAME, readManifest, type ManifestIntegration } from "./write/manifest.js";
import { withOutputLock } from "./write/output-lock.js";
import { findConflicts } from "./write/conflicts.js";
import { diffOutput, type OutputChanges, type PlannedFile } from "./write/output-changes.js";
import { recoverInterruptedWrite, writeOutput } from "./write/write-output.js";

export { DEFAULT_MAX_FILE_SIZE, GENERATOR_VERSION } from "./version.js";

export interface GenerateOptions {
  /** Spec files or folders (walked recursively). */
  inputs: readonly string[];
  /** Output folder. */
  out: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Refuse input that would only be warned about (sloppy but usable specs). */
  strict?: boolean;
  /** How many times larger than its files a prepared spec may be (default 20). */
  maxExpansion?: number;
  /** Module names pinned by the project (`moduleNames` in oic-gen.config.json). */
  moduleNames?: ModuleNamePins;
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
  /** Input accepted and repaired, with file and pointer (refused instead under `strict`). */
  warnings: SpecProblem[];
}

/** The whole pipeline: load → plan → (load → model → emit) per changed spec → write. Throws `SpecError` or `UsageError`. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = resolve(options.out);
  const { files, roots } = await findInputs(options.inputs);
  checkOutputFolder(outDir, roots, files);
  // Decided once, so the threads started early and those emitAll uses agree.
  const maxThreads = options.jobs ?? idleCores();
  return withOutputLock(outDir, async () => {
    // A write a crash left half-way is finished (its journal was recorded) or discarded (it was not) before
    // anything is compared, so --check does it too: it then compares with a consistent output.
    recoverInterruptedWrite(outDir);
    // A first run over many specs will need worker threads: start them now, to load while specs are checked.
    // (The emitting stages are loaded only when something is emitted: a re-run with nothing to do never loads them.)
    const pool = existsSync(resolve(outDir, MANIFEST_NAME))
      ? undefined
      : await import("./pipeline/worker-pool.js").then(({ threadsFor, WorkerPool }) => {
          const threads = threadsFor(files.length, maxThreads);
          return threads > 1 ? new WorkerPool(threads - 1) : undefined;
        });
    try {
      return await run(options, outDir, files, roots, pool, maxThreads);
    } finally {
      await pool?.close();
    }
  });
}

async function run(
  options: GenerateOptions,
  outDir: string,
  files: string[],
  roots: string[],
  pool: WorkerPool | undefined,
  maxThreads: number,
): Promise<GenerateResult> {
  const pins = options.moduleNames ?? {};
  const cache = options.cache ?? new FileCache(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  cache.newRun();
  const previous = await readManifest(outDir);
  if (previous === "invalid")
    throw new UsageError(
      `${join(outDir, MANIFEST_NAME)} is damaged (not what oic-gen writes): delete the output folder, or that file, and generate again`,
    );
  // plan, before parsing: specs whose bytes (and their references') are as recorded are reused unparsed.
  const unchanged = await findUnchangedInputs(files, roots, outDir, previous, pins, cache);
  // A file that reused specs reference needs no check of its own, unless it is a spec of its own too.
  const recorded = new Set(previous?.integrations.map((record) => record.source));
  const toCheck = files.filter(
    (file) =>
      !unchanged.records.has(file) && !(unchanged.dependencies.has(file) && !recorded.has(sourceName(file, roots))),
  );
  // load: read, parse and check every other spec (warnings are problems that do not stop, unless --strict).
  const load = toCheck.length > 0 ? await import("./load/load-specs.js") : undefined;
  const checked = load
    ? await load.checkSpecs(toCheck, { roots, cache, referenced: unchanged.dependencies })
    : { specs: [], problems: [], warningsByFile: new Map<string, SpecProblem[]>() };
  const { problems } = checked;
  // In input order, as if every spec had been checked: reused ones repeat the warnings recorded for them.
  const warnings = files.flatMap((file) =>
    unchanged.records.has(file)
      ? (unchanged.records.get(file)!.inputWarnings ?? [])
      : (checked.warningsByFile.get(file) ?? []),
  );
  if (problems.length > 0 || (options.strict && warnings.length > 0))
    throw new SpecError([...problems, ...(options.strict ? warnings : [])]);

  // plan: which of the checked specs are unchanged since the last run all the same (their records predate this).
  const specs = checked.specs;
  const reused = planSpecs(outDir, specs, previous, pins, cache.trusted);

  // load → model → emit for the others, on worker threads when there are many.
  const toEmit = specs.flatMap((spec, index) =>
    reused[index] ? [] : [{ index, job: { ...load!.prepareInput(spec), maxExpansion: options.maxExpansion, pins } }],
  );
  const outcomes =
    toEmit.length === 0
      ? []
      : await import("./pipeline/worker-pool.js").then(({ emitAll }) =>
          emitAll(
            toEmit.map(({ job }) => job),
            maxThreads,
            pool,
          ),
        );
  const emitted = new Map<number, { result: EmitResult; warnings: SpecProblem[] }>();
  const failures: SpecProblem[] = [];
  outcomes.forEach((outcome, i) => {
    const { index, job } = toEmit[i]!;
    if (outcome.ok) emitted.set(index, outcome);
    else
      failures.push(
        ...(outcome.problems ?? [
          { file: job.source, pointer: "#", message: `could not generate: ${outcome.message}` },
        ]),
      );
  });
  if (failures.length > 0) throw new SpecError(failures);
  const checkedRecords = new Map(
    specs.map((spec, index): [string, ManifestIntegration] => {
      const fresh = emitted.get(index);
      const {
        source,
        hash,
        catalogue,
        files,
        warnings: prepared,
      } = fresh ? { ...spec, ...fresh.result, files: fresh.result.files.map((file) => file.path) } : reused[index]!;
      const dependencies = dependencyPaths(spec.entry.path, spec.dependencies);
      return [
        spec.entry.path,
        {
          source,
          hash,
          catalogue,
          files,
          ...((fresh ? fresh.warnings : (prepared ?? [])).length > 0
            ? { warnings: fresh ? fresh.warnings : prepared }
            : {}),
          ...(spec.warnings.length > 0 ? { inputWarnings: spec.warnings } : {}),
          ...(dependencies.length > 0 ? { dependencies } : {}),
        },
      ];
    }),
  );
  const records = files.flatMap((file) => {
    const record = unchanged.records.get(file) ?? checkedRecords.get(file);
    return record ? [record] : [];
  });
  // Repairs made while preparing documents, this run's and those recorded for the specs reused from the last.
  warnings.push(...records.flatMap((record) => record.warnings ?? []));
  if (options.strict && warnings.length > 0) throw new SpecError(warnings);
  const clashes = findNameClashes(
    records.map(({ source, catalogue }) => ({ source, moduleName: catalogue.module, folder: catalogue.folder })),
  );
  if (clashes.length > 0) throw new SpecError(clashes);

  // plan the output files; emit the index only when it changed.
  const entries = records.map((record) => record.catalogue);
  const index: PlannedFile = indexUnchanged(outDir, entries, previous, cache.trusted)
    ? { unchanged: true }
    : { content: await import("./emit/index-file.js").then(({ emitIndex }) => emitIndex(entries)) };
  const planned = planFiles(
    records,
    [...emitted.values()].map(({ result }) => result),
    index,
    previous,
  );

  // write (or, with --check, only compare).
  const conflicts = findConflicts(outDir, planned, previous);
  if (conflicts.length > 0) throw new UsageError(`refusing to write to ${outDir}:\n  ${conflicts.join("\n  ")}`);
  const diff = diffOutput(outDir, planned, previous, cache.trusted);
  const { changes } = diff;
  const changed = changes.added.length + changes.changed.length + changes.removed.length > 0;
  if (!options.check && changed) writeOutput(outDir, diff);
  return {
    integrations: records.length,
    operations: records.reduce((sum, record) => sum + record.catalogue.operations.length, 0),
    emitted: emitted.size,
    changes,
    warnings,
  };
}

/** Refuses output folders where writing could damage inputs or the project. */
function checkOutputFolder(outDir: string, roots: readonly string[], files: readonly string[]): void {
  const cwd = process.cwd();
  if (isInside(cwd, outDir))
    throw new UsageError(`refusing to write to ${outDir}: it is the current folder or one of its parents`);
  for (const root of roots) {
    if (isInside(root, outDir))
      throw new UsageError(`refusing to write to ${outDir}: it contains the input folder ${root}`);
    if (isInside(outDir, root))
      throw new UsageError(`refusing to write to ${outDir}: it is inside the input folder ${root}`);
  }
  for (const file of files)
    if (isInside(file, outDir)) throw new UsageError(`refusing to write to ${outDir}: it contains the input ${file}`);
  if (existsSync(outDir) && existsSync(resolve(outDir, "package.json")))
    throw new UsageError(
      `refusing to write to ${outDir}: it holds a package.json (a project root, not an output folder)`,
    );
}
