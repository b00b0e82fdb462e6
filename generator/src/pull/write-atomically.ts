import { randomBytes } from "node:crypto";
import { lstat, rename, rm, writeFile } from "node:fs/promises";
import { PullFailure } from "./pull-failure.js";

/**
 * Writes `path` through a temporary file beside it that is created exclusively (`wx`: never an existing file,
 * never through a symbolic link someone planted) under a random name, then renamed over `path`. A symbolic
 * link at `path` itself is refused rather than replaced: pull only ever writes regular files.
 */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const existing = await lstat(path).catch(() => undefined);
  if (existing && !existing.isFile())
    throw new PullFailure(
      `refusing to write ${path}: it is ${existing.isSymbolicLink() ? "a symbolic link" : "not a regular file"}`,
    );
  const temporary = `${path}.${randomBytes(8).toString("hex")}.tmp`;
  await writeFile(temporary, text, { flag: "wx", mode: 0o644 });
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined); // ours: created exclusively above
    throw error;
  }
}
