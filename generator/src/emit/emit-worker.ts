import { parentPort } from "node:worker_threads";
import type { EmitJob } from "./emit-integration.js";
import { emitSafely } from "./worker-pool.js";

// One job at a time: the pool sends the next only after this answers.
parentPort!.on("message", async (job: EmitJob) => {
  parentPort!.postMessage(await emitSafely(job));
});
