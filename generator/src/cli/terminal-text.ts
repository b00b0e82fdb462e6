/**
 * Text from a server or a spec, made safe to print: control characters (C0 but newline and tab, DEL, C1) and
 * the Unicode format characters that reorder or hide text (bidi overrides and isolates, zero-width joiners)
 * are shown as `\xNN` / `\uNNNN`. A hostile integration id with ANSI escapes then cannot move the cursor,
 * clear a line or fake a success message.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** `text` with every unsafe character escaped; newlines and tabs kept (multi-line messages stay readable). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** `text` on one line: newlines and tabs escaped too (for values inside a line, such as ids and names). */
export function printableInline(text: string): string {
  return printable(text).replace(/[\n\t]/g, escapeChar);
}

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
