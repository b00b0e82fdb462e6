import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UsageError } from "../errors.js";
import { crashPoint } from "./crash-points.js";
import { currentHash, fileIntact, realFolders } from "./intact-files.js";
import { type Journal, readJournal, writeJournal } from "./journal.js";
import { MANIFEST_NAME } from "./manifest.js";
import type { OutputDiff } from "./output-changes.js";

const STAGING_SUFFIX = ".oic-gen-staging";
/** Where earlier versions, which swapped the whole folder, put the old one during the swap: still recovered. */
const PREVIOUS_SUFFIX = ".oic-gen-previous";

/**
 * Settles a write that an earlier run left half-way: one whose journal was recorded is finished (its files were
 * all staged and checked; the output may already hold some of them), any other staging is discarded (the output
 * was not touched yet). A journal whose targets no longer hold what it recorded (someone put a file there since)
 * is discarded too: the run's own checks then refuse to overwrite that file.
 */
export function recoverInterruptedWrite(outDir: string): void {
  const previous = outDir + PREVIOUS_SUFFIX;
  if (existsSync(previous)) {
    if (!existsSync(outDir)) renameSync(previous, outDir);
    rmSync(previous, { recursive: true, force: true });
  }
  const staging = outDir + STAGING_SUFFIX;
  if (!existsSync(staging)) return;
  const journal = readJournal(staging);
  if (journal && targetsAsRecorded(outDir, staging, journal)) moveIn(outDir, staging, journal);
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Writes only what changed. The new files are staged beside the output folder, then a journal records the
 * moves and removals to make; from then on the write is decided: files are renamed in (each replaced in one
 * step), the files no longer produced removed, and the manifest renamed in last, as the commit point. A crash
 * before the journal leaves the old output untouched; after it, the next run (even `--check`) finishes the
 * write (`recoverInterruptedWrite`). A first run builds the whole folder beside and renames it into place.
 * The cost follows the change: a re-run with one spec changed moves a few files, whatever the fleet's size.
 *
 * Synchronous, like the rest of the write stage: a run does nothing else meanwhile, and each call through the
 * thread pool costs a round trip that, on a busy machine, is worth more than the call itself.
 */
export function writeOutput(outDir: string, diff: OutputDiff): void {
  const staging = outDir + STAGING_SUFFIX;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  crashPoint("staging-created");
  for (const folder of new Set(diff.writes.map(({ path }) => dirname(join(staging, path)))))
    mkdirSync(folder, { recursive: true });
  // "wx": a new file or a failure, never a write through something already there.
  for (const { path, content } of diff.writes) writeFileSync(join(staging, path), content, { flag: "wx" });
  crashPoint("staging-written");
  if (!existsSync(outDir)) {
    mkdirSync(dirname(outDir), { recursive: true });
    renameSync(staging, outDir);
    return;
  }
  const journal: Journal = {
    moves: diff.writes.map(({ path, replaces }) => ({ path, replaces })),
    removals: diff.removals,
  };
  if (!targetsAsRecorded(outDir, staging, journal)) {
    rmSync(staging, { recursive: true, force: true });
    throw new UsageError(`${outDir} changed while oic-gen was writing it; run oic-gen again`);
  }
  writeJournal(staging, journal);
  crashPoint("staging-ready");
  moveIn(outDir, staging, journal);
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Every target of a staged file still holds what it held when the write was planned, reached through real
 * folders: nothing is moved over a file someone put or changed there since, nor through a symbolic link.
 */
function targetsAsRecorded(outDir: string, staging: string, journal: Journal): boolean {
  return journal.moves.every(
    ({ path, replaces }) =>
      !existsSync(join(staging, path)) || (realFolders(outDir, path, true) && currentHash(outDir, path) === replaces),
  );
}

/** The decided part of a write (see `writeOutput`); repeatable: what an interrupted run already did is skipped. */
function moveIn(outDir: string, staging: string, journal: Journal): void {
  let moved = 0;
  for (const { path } of journal.moves) {
    if (path === MANIFEST_NAME || !existsSync(join(staging, path))) continue;
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    renameSync(join(staging, path), join(outDir, path));
    if (++moved === 1) crashPoint("files-moving");
  }
  for (const { path, hash } of journal.removals) {
    if (!fileIntact(outDir, path, hash)) continue;
    rmSync(join(outDir, path));
    removeEmptyFolders(outDir, path);
  }
  crashPoint("files-moved");
  if (existsSync(join(staging, MANIFEST_NAME))) renameSync(join(staging, MANIFEST_NAME), join(outDir, MANIFEST_NAME));
  crashPoint("manifest-committed");
}

/**
 * Removes the folders of a removed file that are left empty, innermost first: a folder that held only generated
 * files goes with them; one that holds anything else (an empty folder of the user's, their own file) stays.
 */
function removeEmptyFolders(outDir: string, path: string): void {
  for (let folder = dirname(path); folder !== "."; folder = dirname(folder)) {
    try {
      rmdirSync(join(outDir, folder));
    } catch {
      return;
    }
  }
}
