/**
 * Everything a spec says reaches generated code through these functions only: as a string literal or as
 * comment text. Nothing from a spec is ever emitted as code.
 */

/** A JS/TS string literal for any text (JSON escaping, plus the two line separators for older tools). */
export function literal(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Text that cannot end a block comment or start a new line of a line comment. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ")
    .trim();
}

/** One line of comment text (for `//` comments): line breaks become spaces. */
export function commentLine(text: string): string {
  return commentText(text).replace(/\n+/g, " ");
}
