import { formatProblem, SpecError, UsageError } from "./errors.js";

/** Where the CLI prints: the process's streams, or anything that takes text (tests run commands in-process). */
export interface TextSink {
  write(text: string): unknown;
}

/** Prints an error for a person at a terminal: problems with their pointers, usage errors with a hint. */
export function reportError(error: unknown, stderr: TextSink = process.stderr): void {
  if (error instanceof SpecError) {
    stderr.write(`oic-gen: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"} in the input; nothing was written.\n`);
    for (const problem of error.problems) stderr.write(`  ${formatProblem(problem)}\n`);
  } else if (error instanceof UsageError) {
    stderr.write(`oic-gen: ${error.message}\nRun oic-gen --help for usage.\n`);
  } else if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("OIC_")) {
    // Runtime errors carry a stable code and a message that never contains a secret.
    stderr.write(`oic-gen: ${error.message} (${error.code})\n`);
  } else {
    stderr.write(`oic-gen: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
