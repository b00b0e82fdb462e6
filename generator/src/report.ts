import { formatProblem, SpecError, UsageError, type SpecProblem } from "./errors.js";

/** Prints an error for a person at a terminal: problems with their pointers, usage errors with a hint. */
export function reportError(error: unknown): void {
  if (error instanceof SpecError) {
    process.stderr.write(`oic-gen: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"} in the input; nothing was written.\n`);
    for (const problem of error.problems) process.stderr.write(`  ${problem.severity === "warning" ? "(--strict) " : ""}${formatProblem(problem)}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`oic-gen: ${error.message}\nRun oic-gen --help for usage.\n`);
  } else if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("OIC_")) {
    // Runtime errors carry a stable code and a message that never contains a secret.
    process.stderr.write(`oic-gen: ${error.message} (${error.code})\n`);
  } else {
    process.stderr.write(`oic-gen: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}

/** Sloppy input that was accepted and repaired: one line each, with file and pointer; `--strict` refuses it. */
export function reportWarnings(warnings: readonly SpecProblem[]): void {
  if (warnings.length === 0) return;
  process.stderr.write(`oic-gen: ${warnings.length} warning${warnings.length === 1 ? "" : "s"} (generated anyway; --strict refuses them):\n`);
  for (const warning of warnings) process.stderr.write(`  ${formatProblem(warning)}\n`);
}
