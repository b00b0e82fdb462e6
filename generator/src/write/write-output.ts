import { existsSync } from "node:fs";
import { link, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile, copyFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { MANIFEST_NAME, sha256, type Manifest } from "./manifest.js";

/** A generated file: new content, or a file already on disk that is known to be current (verified by hash). */
export type PlannedFile = { content: string } | { unchanged: true };

export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

const STAGING_SUFFIX = ".oic-gen-staging";
const PREVIOUS_SUFFIX = ".oic-gen-previous";

/** Finishes or undoes a swap that an earlier, interrupted run left half-way. */
export async function recoverInterruptedWrite(outDir: string): Promise<void> {
  const previous = outDir + PREVIOUS_SUFFIX;
  if (!existsSync(outDir) && existsSync(previous)) await rename(previous, outDir);
  await rm(previous, { recursive: true, force: true });
  await rm(outDir + STAGING_SUFFIX, { recursive: true, force: true });
}

/** What writing `planned` would change, compared with the files on disk that the generator owns. */
export async function diffOutput(outDir: string, planned: Map<string, PlannedFile>, previous: Manifest | undefined): Promise<OutputChanges> {
  const changes: OutputChanges = { added: [], changed: [], removed: [] };
  for (const [path, file] of planned) {
    if ("unchanged" in file) continue;
    const current = await readFile(join(outDir, path), "utf8").catch(() => undefined);
    if (current === undefined) changes.added.push(path);
    else if (current !== file.content) changes.changed.push(path);
  }
  for (const path of Object.keys(previous?.files ?? {})) {
    if (!planned.has(path) && existsSync(join(outDir, path))) changes.removed.push(path);
  }
  for (const list of Object.values(changes)) list.sort();
  return changes;
}

/**
 * Replaces the output folder in one step: the new tree is built beside it (unchanged and foreign files
 * hard-linked, never rewritten), then swapped in by two renames. A crash at any point leaves either the old or
 * the new folder, and the next run finishes the swap (`recoverInterruptedWrite`).
 */
export async function writeOutput(outDir: string, planned: Map<string, PlannedFile>, previous: Manifest | undefined): Promise<void> {
  const staging = outDir + STAGING_SUFFIX;
  const old = outDir + PREVIOUS_SUFFIX;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const owned = new Set([...Object.keys(previous?.files ?? {}), MANIFEST_NAME]);
  if (existsSync(outDir)) await linkForeignFiles(outDir, staging, owned);
  const folders = new Set([...planned.keys()].map((path) => dirname(join(staging, path))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all(
    [...planned].map(([path, file]) => ("unchanged" in file ? linkOrCopy(join(outDir, path), join(staging, path)) : writeFile(join(staging, path), file.content))),
  );
  if (existsSync(outDir)) {
    await rename(outDir, old);
    await rename(staging, outDir);
    await rm(old, { recursive: true, force: true });
  } else {
    await mkdir(dirname(outDir), { recursive: true });
    await rename(staging, outDir);
  }
}

/** Carries every file the generator did not write into the new tree untouched (same inode). */
async function linkForeignFiles(from: string, to: string, owned: Set<string>, prefix = ""): Promise<void> {
  for (const entry of await readdir(join(from, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const source = join(from, path);
    const target = join(to, path);
    if (entry.isDirectory()) {
      await linkForeignFiles(from, to, owned, path);
    } else if (entry.isSymbolicLink()) {
      await mkdir(dirname(target), { recursive: true });
      await symlink(await readlink(source), target);
    } else if (!owned.has(path)) {
      await mkdir(dirname(target), { recursive: true });
      await linkOrCopy(source, target);
    }
  }
}

async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch {
    await copyFile(source, target);
  }
}

/** True when every file the manifest lists is on disk with the recorded content. */
export async function verifyFiles(outDir: string, files: readonly string[], manifest: Manifest): Promise<boolean> {
  const checks = await Promise.all(
    files.map(async (path) => {
      const info = await lstat(join(outDir, path)).catch(() => undefined);
      return info?.isFile() === true && sha256(await readFile(join(outDir, path))) === manifest.files[path];
    }),
  );
  return checks.every(Boolean);
}

/** `a/b` is inside `a` (or equal to it). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== ".." && !/^[A-Za-z]:/.test(rel));
}
