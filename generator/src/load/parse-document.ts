import { createRequire } from "node:module";

// Loaded on the first YAML file only: a run over JSON specs, or one that parses nothing, never pays for it.
const require = createRequire(import.meta.url);
let yaml: typeof import("yaml") | undefined;

/** Parsed text of one file, or why it could not be parsed. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

// An anchor/alias bomb expands exponentially; real specs reuse an anchor a handful of times.
const MAX_ALIAS_COUNT = 1000;

/** Parses JSON or YAML (JSON first: faster, and every JSON document is also YAML). */
export function parseText(text: string, fileName: string): ParseResult {
  if (text.includes("\u0000")) return { ok: false, message: "not a text file (contains NUL bytes)" };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, message: "empty file" };
  const looksJson = /\.json$/i.test(fileName) || /^\s*[{[]/.test(body);
  if (looksJson) {
    try {
      return { ok: true, value: JSON.parse(body) };
    } catch (error) {
      if (/\.json$/i.test(fileName)) return { ok: false, message: `invalid JSON: ${(error as Error).message}` };
    }
  }
  yaml ??= require("yaml") as typeof import("yaml");
  const doc = yaml.parseDocument(body, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    return { ok: false, message: `invalid YAML: ${first.message.split("\n")[0]}` };
  }
  try {
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (value === null || value === undefined) return { ok: false, message: "empty document" };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `invalid YAML: ${(error as Error).message}` };
  }
}
