/**
 * Named moments of an output write at which the process can be made to die on purpose, the way a SIGKILL or a
 * power cut would end it, so tests can show that every one of them leaves the old output, or the new one, or a
 * write the next run finishes (even `--check`), without racing a timer against the writer.
 *
 * In order: the staging folder beside the output exists; every new file is staged; the journal that makes the
 * staged write one to finish is recorded; the first staged file is moved in; every file is moved in and the
 * ones no longer produced are removed (the manifest is still the old one); the new manifest is in place.
 *
 * `OIC_GEN_CRASH_AT=<point>` in the environment selects one; unset (always, outside tests) nothing happens.
 */
export const CRASH_POINTS = [
  "staging-created",
  "staging-written",
  "staging-ready",
  "files-moving",
  "files-moved",
  "manifest-committed",
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Dies here, at once and without cleanup, when the environment names this point. */
export function crashPoint(point: CrashPoint): void {
  if (process.env.OIC_GEN_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
