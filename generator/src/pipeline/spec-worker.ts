import { parentPort } from "node:worker_threads";
import type { SpecJob } from "./spec-job.js";
import { typeBatch, warmUp } from "./worker-pool.js";

// Load the emitter's heavy modules at once: the main thread is still reading and checking the specs.
const ready = warmUp();
// One batch per worker: it answers once with every outcome, in batch order.
parentPort!.once("message", async (batch: SpecJob[]) => {
  await ready;
  parentPort!.postMessage(await typeBatch(batch));
});
