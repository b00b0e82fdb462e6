import { type BigIntStats, readFileSync, statSync } from "node:fs";
import { relative } from "node:path";
import type { SpecProblem } from "../errors.js";
import { plainBelow } from "../paths.js";
import { TrustedStamps } from "../write/trusted-stamps.js";
import type { RefCheck } from "./check-refs.js";
import { parseText } from "./parse-document.js";

export interface LoadedFile {
  /** Absolute path. */
  path: string;
  /** Path as shown in messages: relative to the working directory. */
  shown: string;
  text: string;
  value: unknown;
}

/** A file's bytes, read but not parsed. */
export interface RawFile {
  path: string;
  shown: string;
  text: string;
}

/**
 * Reads each file once per run, and parses it only when asked to (`get`): a run that finds a spec unchanged
 * from its bytes never parses it. Kept across runs by `--watch`: a file whose bytes are the same as last time
 * hands out the same parsed object (what `checkSpecs` reuses its verdicts by). Bytes decide, not size and
 * modification time: an edit that keeps both is still seen. Under `--watch`, a file is not read again while its
 * stamp, change time included, is the one it had when it was read (see `TrustedStamps`).
 */
export class FileCache {
  private readonly parsed = new Map<string, { text: string; loaded: Promise<LoadedFile | SpecProblem> }>();
  private readonly pending = new Map<string, Promise<RawFile | SpecProblem>>();
  /** Verdicts of earlier runs by spec path (see `checkSpecs`); valid while every file they read is unchanged. */
  readonly checks = new Map<
    string,
    {
      entry: LoadedFile;
      roots: string;
      reached: RefCheck["reached"];
      result: { structural: SpecProblem[]; refs: RefCheck };
    }
  >();
  /** Hashes of generated files by their stamps, so `--watch` does not read unchanged ones again (the write stage's). */
  readonly trusted: TrustedStamps;
  /** The files read by earlier runs, by their stamps. */
  private readonly known: TrustedStamps<RawFile>;
  /** `now`: the clock stamps are judged by (see `TrustedStamps`). */
  constructor(
    readonly maxBytes: number,
    now: () => number = Date.now,
  ) {
    this.trusted = new TrustedStamps(now);
    this.known = new TrustedStamps(now);
  }

  /** Forgets what a previous run read (keeps the parsed files for reuse). */
  newRun(): void {
    this.pending.clear();
  }

  /** The file's bytes as text (once per run), or why it cannot be read. */
  read(path: string): Promise<RawFile | SpecProblem> {
    let entry = this.pending.get(path);
    if (!entry) {
      entry = this.readNow(path);
      this.pending.set(path, entry);
    }
    return entry;
  }

  /** The file read and parsed; the same object as last time when its bytes did not change. */
  async get(path: string): Promise<LoadedFile | SpecProblem> {
    const raw = await this.read(path);
    if (isProblem(raw)) return raw;
    const known = this.parsed.get(path);
    if (known?.text === raw.text) return known.loaded;
    const parsed = parseText(raw.text, path);
    const loaded: Promise<LoadedFile | SpecProblem> = Promise.resolve(
      parsed.ok ? { ...raw, value: parsed.value } : { file: raw.shown, pointer: null, message: parsed.message },
    );
    this.parsed.set(path, { text: raw.text, loaded });
    return loaded;
  }

  /** Whether the file has been parsed (by this run or, under `--watch`, an earlier one). */
  isParsed(path: string): boolean {
    return this.parsed.has(path);
  }

  // Synchronous: a few hundred small specs read in one go cost far less than the thread pool's round trips.
  private async readNow(path: string): Promise<RawFile | SpecProblem> {
    const shown = showPath(path);
    const info = statOrNothing(path);
    if (!info?.isFile()) return { file: shown, pointer: null, message: "file not found" };
    const size = Number(info.size);
    if (size > this.maxBytes) {
      return {
        file: shown,
        pointer: null,
        message: `file is ${(size / 1e6).toFixed(1)} MB, over the ${(this.maxBytes / 1e6).toFixed(1)} MB limit (raise it with --max-file-size)`,
      };
    }
    const known = this.known.get(path, info);
    if (known?.shown === shown) return known;
    const raw = { path, shown, text: readFileSync(path, "utf8") };
    this.known.remember(path, info, raw);
    return raw;
  }
}

function statOrNothing(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

export function isProblem<T extends object>(value: T | SpecProblem): value is SpecProblem {
  return "message" in value;
}

export function showPath(path: string): string {
  const cwd = process.cwd();
  const shown = plainBelow(cwd, path) ?? relative(cwd, path);
  return shown === "" || shown.startsWith("..") ? path : shown;
}
