import { readFile, stat } from "node:fs/promises";
import { relative } from "node:path";
import type { SpecProblem } from "../errors.js";
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

/**
 * Reads and parses each file once, whether it is an entry spec or the target of a `$ref`. Kept across runs by
 * `--watch`: a file whose size and modification time are unchanged is not read again.
 */
export class FileCache {
  private readonly files = new Map<string, { stamp: string; loaded: Promise<LoadedFile | SpecProblem> }>();
  private readonly pending = new Map<string, Promise<LoadedFile | SpecProblem>>();
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
  constructor(readonly maxBytes: number) {}

  /** Forgets what a previous run saw (keeps the parsed files for reuse). */
  newRun(): void {
    this.pending.clear();
  }

  get(path: string): Promise<LoadedFile | SpecProblem> {
    let entry = this.pending.get(path);
    if (!entry) {
      entry = this.lookup(path);
      this.pending.set(path, entry);
    }
    return entry;
  }

  private async lookup(path: string): Promise<LoadedFile | SpecProblem> {
    const info = await stat(path).catch(() => undefined);
    const stamp = info ? `${info.size}:${info.mtimeMs}:${info.ino}` : "missing";
    const known = this.files.get(path);
    if (known?.stamp === stamp) return known.loaded;
    const loaded = this.load(path, info);
    this.files.set(path, { stamp, loaded });
    return loaded;
  }

  private async load(path: string, info: import("node:fs").Stats | undefined): Promise<LoadedFile | SpecProblem> {
    const shown = showPath(path);
    if (!info?.isFile()) return { file: shown, pointer: null, message: "file not found" };
    if (info.size > this.maxBytes) {
      return {
        file: shown,
        pointer: null,
        message: `file is ${(info.size / 1e6).toFixed(1)} MB, over the ${(this.maxBytes / 1e6).toFixed(1)} MB limit (raise it with --max-file-size)`,
      };
    }
    const text = await readFile(path, "utf8");
    const parsed = parseText(text, path);
    if (!parsed.ok) return { file: shown, pointer: null, message: parsed.message };
    return { path, shown, text, value: parsed.value };
  }
}

export function isProblem(value: LoadedFile | SpecProblem): value is SpecProblem {
  return "message" in value;
}

export function showPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === "" || shown.startsWith("..") ? path : shown;
}
