import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors.js";

/**
 * Holds `<out>.oic-gen-lock` while a run may recover, stage or write the output folder, so that two runs
 * (say `--watch` and a `--check` in another terminal) never remove each other's staging folder. A lock left by
 * a process that no longer exists is taken over.
 */
export async function withOutputLock<T>(outDir: string, task: () => Promise<T>): Promise<T> {
  const path = `${outDir}.oic-gen-lock`;
  // Synchronous: a handful of calls, each cheaper than a round trip through the thread pool on a busy machine.
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = openSync(path, "wx");
      writeSync(handle, String(process.pid));
      closeSync(handle);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw lockError(error, path);
      const owner = Number(readOrEmpty(path));
      if (owner > 0 && owner !== process.pid && isAlive(owner))
        throw new UsageError(`another oic-gen (pid ${owner}) is writing ${outDir}; try again when it is done`);
      rmSync(path, { force: true });
    }
  }
  try {
    return await task();
  } finally {
    rmSync(path, { force: true });
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockError(error: unknown, path: string): Error {
  return (error as NodeJS.ErrnoException).code === "EEXIST"
    ? new UsageError(`${path} is held by another oic-gen run`)
    : (error as Error);
}
