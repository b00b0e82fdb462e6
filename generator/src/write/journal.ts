import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isSafePath } from "./manifest.js";
import type { FileRemoval } from "./output-changes.js";

/** Inside the staging folder: present only once every new file is staged (see `writeOutput`). */
export const JOURNAL_NAME = ".oic-gen-journal.json";

/**
 * What a write will do to the output folder, recorded before it touches anything: the staged files to move in
 * (each with the hash of what it replaces, `null` for nothing), and the files to remove (each with the hash it
 * must still have). A run that finds it finishes the write the way it was decided.
 */
export interface Journal {
  moves: { path: string; replaces: string | null }[];
  removals: FileRemoval[];
}

/** Records the journal in one step (written aside, then renamed): a half-written journal never exists. */
export function writeJournal(staging: string, journal: Journal): void {
  const path = join(staging, JOURNAL_NAME);
  writeFileSync(`${path}.partial`, JSON.stringify(journal), { flag: "wx" });
  renameSync(`${path}.partial`, path);
}

/** The journal in `staging`, or `undefined` when there is none or it is not exactly what `writeJournal` writes. */
export function readJournal(staging: string): Journal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(staging, JOURNAL_NAME), "utf8"));
  } catch {
    return undefined;
  }
  return isJournal(value) ? value : undefined;
}

function isJournal(value: unknown): value is Journal {
  if (typeof value !== "object" || value === null) return false;
  const { moves, removals } = value as Record<string, unknown>;
  const hash = (field: unknown) => typeof field === "string";
  return (
    Array.isArray(moves) &&
    moves.every(
      (move) =>
        typeof move?.path === "string" && isSafePath(move.path) && (move.replaces === null || hash(move.replaces)),
    ) &&
    Array.isArray(removals) &&
    removals.every((removal) => typeof removal?.path === "string" && isSafePath(removal.path) && hash(removal.hash))
  );
}
