/**
 * A command that could not do its job for a reason other than its usage: not signed in, an unreachable
 * instance, a refused config file. Printed as the message and its hints, exit code 1, without the
 * "Run oic-gen --help" line that only usage errors get.
 */
export class CommandError extends Error {
  /** What to check or do next, one line each. */
  readonly hints: readonly string[];
  constructor(message: string, hints: readonly string[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = "CommandError";
    this.hints = hints;
  }
}
