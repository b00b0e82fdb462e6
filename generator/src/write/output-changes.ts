import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileIntact, NOT_A_FILE } from "./intact-files.js";
import { sha256, type Manifest } from "./manifest.js";
import type { TrustedStamps } from "./trusted-stamps.js";

/** A generated file: new content, or a file already on disk that is known to be current (verified by hash). */
export type PlannedFile = { content: string } | { unchanged: true };

export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/**
 * One file to write: its new content, and the hash of what the path holds now (`null`: nothing; `NOT_A_FILE`),
 * so that finishing an interrupted write can tell whether someone put something else there since.
 */
export interface FileWrite {
  path: string;
  content: string;
  replaces: string | null;
}

/** One file to remove, with the hash it must still have when it is removed. */
export interface FileRemoval {
  path: string;
  hash: string;
}

/** What writing the plan changes: listed for people (`changes`), and as the writes and removals to make. */
export interface OutputDiff {
  changes: OutputChanges;
  writes: FileWrite[];
  removals: FileRemoval[];
}

/**
 * What writing `planned` would change, compared with the files on disk that the generator owns. Only files whose
 * content differs are written: a planned file that already holds its new bytes is left alone.
 */
export function diffOutput(
  outDir: string,
  planned: ReadonlyMap<string, PlannedFile>,
  previous: Manifest | undefined,
  trusted?: TrustedStamps,
): OutputDiff {
  const changes: OutputChanges = { added: [], changed: [], removed: [] };
  const writes: FileWrite[] = [];
  for (const [path, file] of planned) {
    if ("unchanged" in file) continue;
    const target = join(outDir, path);
    const info = lstatSync(target, { throwIfNoEntry: false });
    const current = info?.isFile() ? readFileSync(target) : undefined;
    if (current?.equals(Buffer.from(file.content))) continue;
    (current ? changes.changed : changes.added).push(path);
    writes.push({ path, content: file.content, replaces: current ? sha256(current) : info ? NOT_A_FILE : null });
  }
  const removals = removable(outDir, planned, previous, trusted);
  changes.removed.push(...removals.map((removal) => removal.path));
  for (const list of Object.values(changes)) list.sort();
  return { changes, writes, removals };
}

/**
 * Files of the previous run that this run no longer produces and that are on disk exactly as recorded, inside
 * the output folder: the only files a run removes. A manifest is never trusted to name a file for deletion on
 * its own.
 */
function removable(
  outDir: string,
  planned: ReadonlyMap<string, PlannedFile>,
  previous: Manifest | undefined,
  trusted: TrustedStamps | undefined,
): FileRemoval[] {
  if (!previous) return [];
  return Object.entries(previous.files)
    .filter(([path, hash]) => !planned.has(path) && fileIntact(outDir, path, hash, trusted))
    .map(([path, hash]) => ({ path, hash }));
}
