import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { emitIntegration, type EmitJob, type EmitResult } from "./emit-integration.js";

// Below this many jobs, starting workers (each loads TypeScript twice) costs more than it saves.
const MIN_JOBS_FOR_WORKERS = 12;

export type EmitOutcome = { ok: true; result: EmitResult } | { ok: false; message: string };

/**
 * Emits every job, on worker threads when there are enough to pay for them. Results come back in job order,
 * so the output does not depend on scheduling.
 */
export async function emitAll(jobs: readonly EmitJob[], maxWorkers = availableParallelism()): Promise<EmitOutcome[]> {
  const workers = Math.min(maxWorkers, Math.ceil(jobs.length / 4));
  if (jobs.length < MIN_JOBS_FOR_WORKERS || workers < 2) {
    const outcomes: EmitOutcome[] = [];
    for (const job of jobs) outcomes.push(await emitSafely(job));
    return outcomes;
  }
  const outcomes = new Array<EmitOutcome>(jobs.length);
  // Largest first, so one big spec does not finish last on an otherwise idle pool.
  const order = jobs.map((job, index) => ({ index, size: job.text.length })).sort((a, b) => b.size - a.size || a.index - b.index);
  let next = 0;
  const workerUrl = new URL("./emit-worker.js", import.meta.url);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = new Worker(workerUrl);
      try {
        while (next < order.length) {
          const { index } = order[next++]!;
          outcomes[index] = await runOn(worker, jobs[index]!);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return outcomes;
}

export async function emitSafely(job: EmitJob): Promise<EmitOutcome> {
  try {
    return { ok: true, result: await emitIntegration(job) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function runOn(worker: Worker, job: EmitJob): Promise<EmitOutcome> {
  return new Promise((resolve, reject) => {
    const onMessage = (outcome: EmitOutcome) => {
      worker.off("error", onError);
      resolve(outcome);
    };
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      reject(error);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.postMessage(job);
  });
}
