import { watch, type FSWatcher } from "node:fs";
import { resolve } from "node:path";
import { FileCache } from "./load/file-cache.js";
import { findInputs } from "./load/find-inputs.js";

/**
 * Runs `run` now and again whenever a file under `inputs` changes (debounced), reusing parsed files and
 * the modules already loaded, so only the changed integrations are re-emitted. Resolves when `signal` aborts.
 */
export async function watchInputs(
  inputs: readonly string[],
  maxBytes: number,
  run: (cache: FileCache) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const cache = new FileCache(maxBytes);
  let running = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => (running = running.then(() => run(cache))), 100);
  };
  // Watch the folders, not just the files named: a spec's `$ref`s reach its neighbours. The watches start
  // before the first run, so a file saved during it, or right after its summary, schedules the next run
  // (watching only after the first run missed a save made in between).
  const { roots } = await findInputs(inputs);
  const watchers: FSWatcher[] = [...new Set(roots)].map((root) => watch(resolve(root), { recursive: true }, schedule));
  running = run(cache);
  await running;
  await new Promise<void>((done) => signal.addEventListener("abort", () => done(), { once: true }));
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
}
