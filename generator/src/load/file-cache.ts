import { readFile, stat } from "node:fs/promises";
import { relative } from "node:path";
import type { SpecProblem } from "../errors.js";
import { parseText } from "./parse-document.js";

export interface LoadedFile {
  /** Absolute path. */
  path: string;
  /** Path as shown in messages: relative to the working directory. */
  shown: string;
  text: string;
  value: unknown;
}

/** Reads and parses each file once, whether it is an entry spec or the target of a `$ref`. */
export class FileCache {
  private readonly files = new Map<string, Promise<LoadedFile | SpecProblem>>();
  constructor(private readonly maxBytes: number) {}

  get(path: string): Promise<LoadedFile | SpecProblem> {
    let entry = this.files.get(path);
    if (!entry) {
      entry = this.load(path);
      this.files.set(path, entry);
    }
    return entry;
  }

  private async load(path: string): Promise<LoadedFile | SpecProblem> {
    const shown = showPath(path);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return { file: shown, pointer: null, message: "file not found" };
    if (info.size > this.maxBytes) {
      return { file: shown, pointer: null, message: `file is ${(info.size / 1e6).toFixed(1)} MB, over the ${(this.maxBytes / 1e6).toFixed(1)} MB limit (raise it with --max-file-size)` };
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
