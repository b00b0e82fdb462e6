import { Worker } from "node:worker_threads";
import { emitIntegration, type EmitResult } from "../emit/emit-integration.js";
import { SpecError, type SpecProblem } from "../errors.js";
import { idleCores } from "./idle-cores.js";
import { typeSpec, type SpecJob, type TypedIntegration } from "./spec-job.js";

// Below this many jobs, starting a worker (which loads TypeScript) costs more than it saves.
const MIN_JOBS_FOR_WORKERS = 12;

/** A failure: its message, and the located problems when the spec was refused (a `SpecError`). */
export type Failure = { ok: false; message: string; problems?: SpecProblem[] };
export type EmitOutcome = { ok: true; result: EmitResult; warnings: SpecProblem[] } | Failure;
export type TypeOutcome = { ok: true; typed: TypedIntegration } | Failure;

/**
 * Emits every job. The expensive half (upgrade, model, openapi-typescript) is split up front into batches
 * of similar size, one per thread, the main thread included (a thread busy emitting cannot hand out work
 * promptly); the cheap half (functions printed by ts-morph) runs on the main thread, so workers never load
 * ts-morph. Results come back in job order, so output does not depend on scheduling.
 */
/**
 * Worker threads started ahead of need, so that they load TypeScript and openapi-typescript while the main
 * thread reads and checks the specs. `emitAll` takes them; unused ones are terminated.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  constructor(count: number) {
    for (let i = 0; i < count; i++) this.idle.push(new Worker(new URL("./spec-worker.js", import.meta.url)));
  }
  take(): Worker {
    return this.idle.pop() ?? new Worker(new URL("./spec-worker.js", import.meta.url));
  }
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }
}

/** Whether `jobs` integrations are worth worker threads at all. */
export function threadsFor(jobs: number, maxThreads = idleCores()): number {
  return jobs < MIN_JOBS_FOR_WORKERS ? 1 : Math.max(1, Math.min(maxThreads, Math.ceil(jobs / 6)));
}

/** Loads what typing needs (used by workers right at start-up). */
export async function warmUp(): Promise<void> {
  await Promise.all([
    import("../emit/load-openapi-typescript.js").then(({ loadOpenapiTypescript }) => loadOpenapiTypescript()),
    import("../load/upgrade.js").then(({ loadConverter }) => loadConverter()),
  ]);
}

export async function emitAll(
  jobs: readonly SpecJob[],
  maxThreads = idleCores(),
  pool?: WorkerPool,
): Promise<EmitOutcome[]> {
  const threads = threadsFor(jobs.length, maxThreads);
  const outcomes = new Array<EmitOutcome>(jobs.length);
  // Functions are printed as soon as a batch is typed, one batch at a time, while other threads still work.
  let finishing = Promise.resolve();
  const finish = (indexes: number[], typed: TypeOutcome[]) =>
    (finishing = finishing.then(async () => {
      for (const [i, outcome] of typed.entries()) {
        outcomes[indexes[i]!] = outcome.ok
          ? await emitIntegration(outcome.typed.integration, outcome.typed.types).then(
              (result) => ({ ok: true as const, result, warnings: outcome.typed.warnings }),
              failure,
            )
          : outcome;
      }
    }));
  if (threads < 2) {
    await finish(
      jobs.map((_, index) => index),
      await typeBatch(jobs),
    );
    return outcomes;
  }
  const workers = pool ?? new WorkerPool(0);
  await Promise.all(
    partition(jobs, threads).map(async (indexes, thread) => {
      const batch = indexes.map((index) => jobs[index]!);
      await finish(indexes, thread === 0 ? await typeBatch(batch) : await runOnWorker(workers.take(), batch));
    }),
  );
  return outcomes;
}

export async function typeBatch(jobs: readonly SpecJob[]): Promise<TypeOutcome[]> {
  const outcomes: TypeOutcome[] = [];
  for (const job of jobs) outcomes.push(await typeSpec(job).then((typed) => ({ ok: true as const, typed }), failure));
  return outcomes;
}

function failure(error: unknown): Failure {
  // Plain data: a SpecError's problems cross the thread boundary, its class does not.
  if (error instanceof SpecError) return { ok: false, message: error.message, problems: [...error.problems] };
  return { ok: false, message: error instanceof Error ? error.message : String(error) };
}

/** Largest first onto the least loaded thread; thread 0 (the main thread) also prints every function file. */
function partition(jobs: readonly SpecJob[], threads: number): number[][] {
  const batches = Array.from({ length: threads }, () => ({ indexes: [] as number[], load: 0 }));
  batches[0]!.load = 0.25 * jobs.reduce((sum, job) => sum + job.text.length, 0);
  const order = jobs
    .map((job, index) => ({ index, size: job.text.length }))
    .sort((a, b) => b.size - a.size || a.index - b.index);
  for (const { index, size } of order) {
    const lightest = batches.reduce((best, batch) => (batch.load < best.load ? batch : best));
    lightest.indexes.push(index);
    lightest.load += size;
  }
  return batches.map((batch) => batch.indexes.sort((a, b) => a - b));
}

function runOnWorker(worker: Worker, batch: SpecJob[]): Promise<TypeOutcome[]> {
  return new Promise((resolve, reject) => {
    worker.once("message", (outcomes: TypeOutcome[]) => {
      void worker.terminate();
      resolve(outcomes);
    });
    worker.once("error", reject);
    worker.postMessage(batch);
  });
}
