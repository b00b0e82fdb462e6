import { parentPort, workerData } from "node:worker_threads";
import type { EmitJob } from "./emit-integration.js";
import { typeBatch } from "./worker-pool.js";

// A worker gets its whole batch at start-up and answers once with every outcome, in batch order.
parentPort!.postMessage(await typeBatch(workerData as EmitJob[]));
