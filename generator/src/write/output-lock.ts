import { mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { UsageError } from "../errors.js";

/**
 * Holds `<out>.oic-gen-lock` while a run may recover, stage or write the output folder, so that two runs
 * (say `--watch` and a `--check` in another terminal) never remove each other's staging folder. A lock left by
 * a process that no longer exists is taken over.
 */
export async function withOutputLock<T>(outDir: string, task: () => Promise<T>): Promise<T> {
  const path = `${outDir}.oic-gen-lock`;
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw lockError(error, path);
      const owner = Number(await readFile(path, "utf8").catch(() => ""));
      if (owner > 0 && owner !== process.pid && isAlive(owner))
        throw new UsageError(`another oic-gen (pid ${owner}) is writing ${outDir}; try again when it is done`);
      await rm(path, { force: true });
    }
  }
  try {
    return await task();
  } finally {
    await rm(path, { force: true });
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
