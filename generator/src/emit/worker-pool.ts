import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { emitIntegration, type EmitJob, type EmitResult } from "./emit-integration.js";

// Below this many jobs, starting a worker (which loads TypeScript twice) costs more than it saves.
const MIN_JOBS_FOR_WORKERS = 12;

export type EmitOutcome = { ok: true; result: EmitResult } | { ok: false; message: string };

/**
 * Emits every job: on the main thread plus worker threads when there are enough jobs to pay for them.
 * Jobs are split up front into batches of similar total size, one per thread (a thread busy emitting cannot
 * hand out work promptly). Results come back in job order, so output does not depend on scheduling.
 */
export async function emitAll(jobs: readonly EmitJob[], maxThreads = availableParallelism()): Promise<EmitOutcome[]> {
  const threads = Math.max(1, Math.min(maxThreads, Math.ceil(jobs.length / 6)));
  if (jobs.length < MIN_JOBS_FOR_WORKERS || threads < 2) return emitBatch(jobs);
  const batches = partition(jobs, threads);
  const outcomes = new Array<EmitOutcome>(jobs.length);
  const workerUrl = new URL("./emit-worker.js", import.meta.url);
  await Promise.all(
    batches.map(async (indexes, thread) => {
      const batch = indexes.map((index) => jobs[index]!);
      const results = thread === 0 ? await emitBatch(batch) : await runOnWorker(workerUrl, batch);
      results.forEach((outcome, i) => (outcomes[indexes[i]!] = outcome));
    }),
  );
  return outcomes;
}

export async function emitBatch(jobs: readonly EmitJob[]): Promise<EmitOutcome[]> {
  const outcomes: EmitOutcome[] = [];
  for (const job of jobs) outcomes.push(await emitSafely(job));
  return outcomes;
}

async function emitSafely(job: EmitJob): Promise<EmitOutcome> {
  try {
    return { ok: true, result: await emitIntegration(job) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Largest first onto the least loaded thread; thread 0 (the main thread) also writes the index afterwards. */
function partition(jobs: readonly EmitJob[], threads: number): number[][] {
  const batches = Array.from({ length: threads }, () => ({ indexes: [] as number[], load: 0 }));
  batches[0]!.load = 0.05 * jobs.reduce((sum, job) => sum + job.text.length, 0);
  const order = jobs.map((job, index) => ({ index, size: job.text.length })).sort((a, b) => b.size - a.size || a.index - b.index);
  for (const { index, size } of order) {
    const lightest = batches.reduce((best, batch) => (batch.load < best.load ? batch : best));
    lightest.indexes.push(index);
    lightest.load += size;
  }
  return batches.map((batch) => batch.indexes.sort((a, b) => a - b));
}

function runOnWorker(url: URL, batch: EmitJob[]): Promise<EmitOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: batch });
    worker.once("message", (outcomes: EmitOutcome[]) => {
      void worker.terminate();
      resolve(outcomes);
    });
    worker.once("error", reject);
  });
}
