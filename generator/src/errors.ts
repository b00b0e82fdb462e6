/** One problem in one input file, located by an RFC 6901 JSON pointer (`#` is the document root). */
export interface SpecProblem {
  file: string;
  /** JSON pointer into `file`, or null when the file could not be parsed at all. */
  pointer: string | null;
  message: string;
  /** A warning is input the generator accepts and repairs (say how in `message`); `--strict` refuses it. */
  severity?: "warning";
}

/** Thrown when inputs are unusable; carries every problem found, not just the first. */
export class SpecError extends Error {
  readonly problems: readonly SpecProblem[];
  constructor(problems: readonly SpecProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "SpecError";
    this.problems = problems;
  }
}

export function formatProblem(problem: SpecProblem): string {
  return escapeControls(`${problem.file}${problem.pointer ? ` ${problem.pointer}` : ""}: ${problem.message}`);
}

/**
 * Spec keys and values reach messages verbatim (in pointers, quoted names): control characters and bidi
 * overrides are shown as `\u001b`, so a hostile key cannot move the cursor, recolour or fake a line.
 */
export function escapeControls(text: string): string {
  // A problem is one line: a newline from a spec key would start a fake one.
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Encodes one reference token for a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.length === 0 ? "#" : `#/${path.map(pointerToken).join("/")}`;
}

/** Thrown for bad command-line usage or an unsafe output folder; exit code 1 with the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
