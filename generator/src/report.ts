import { CommandError } from "./cli/command-error.js";
import { printable } from "./cli/terminal-text.js";
import { runtimeErrorHints } from "./cli/runtime-error-hints.js";
import { formatProblem, SpecError, UsageError, type SpecProblem } from "./errors.js";

/** Where the CLI prints: the process's streams, or anything that takes text (tests run commands in-process). */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Prints an error for a person at a terminal: problems with their pointers; usage errors with the `--help`
 * hint (and only those); command failures and runtime errors with what to check. Never a stack trace,
 * except for an unexpected error with `OIC_GEN_DEBUG=1`. Everything is escaped: messages carry text from
 * servers and specs.
 */
export function reportError(error: unknown, stderr: TextSink = process.stderr): void {
  const write = (text: string) => stderr.write(printable(text));
  if (error instanceof SpecError) {
    write(
      `oic-gen: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"} in the input; nothing was written.\n`,
    );
    for (const problem of error.problems)
      write(`  ${problem.severity === "warning" ? "(--strict) " : ""}${formatProblem(problem)}\n`);
  } else if (error instanceof UsageError) {
    write(`oic-gen: ${error.message}\nRun oic-gen --help for usage.\n`);
  } else if (error instanceof CommandError) {
    write(`oic-gen: ${error.message}\n${error.hints.map((hint) => `  ${hint}\n`).join("")}`);
  } else if (isRuntimeError(error)) {
    // Runtime errors carry a stable code and a message that never contains a secret.
    write(
      `oic-gen: ${error.message} (${error.code})\n${runtimeErrorHints(error)
        .map((hint) => `  ${hint}\n`)
        .join("")}`,
    );
  } else if (error instanceof Error && process.env.OIC_GEN_DEBUG === "1") {
    write(`oic-gen: unexpected error: ${error.stack ?? error.message}\n`);
  } else {
    write(
      `oic-gen: unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n  (OIC_GEN_DEBUG=1 prints the stack; please report it)\n`,
    );
  }
}

/** Sloppy input that was accepted and repaired: one line each, with file and pointer; `--strict` refuses it. */
export function reportWarnings(warnings: readonly SpecProblem[], stderr: TextSink = process.stderr): void {
  if (warnings.length === 0) return;
  stderr.write(
    `oic-gen: ${warnings.length} warning${warnings.length === 1 ? "" : "s"} (generated anyway; --strict refuses them):\n`,
  );
  for (const warning of warnings) stderr.write(printable(`  ${formatProblem(warning)}\n`));
}

/** A warning that does not stop the command (a scope that does not reach the instance, a renamed flag). */
export function reportNotice(text: string): void {
  process.stderr.write(printable(`oic-gen: warning: ${text}\n`));
}

function isRuntimeError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("OIC_");
}
