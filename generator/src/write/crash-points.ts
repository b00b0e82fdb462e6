/**
 * Named moments of an output swap at which the process can be made to die on purpose, the way a SIGKILL or a
 * power cut would end it, so tests can show that every one of them leaves the old or the new output (and
 * never a mix) without racing a timer against the writer.
 *
 * `OIC_GEN_CRASH_AT=<point>` in the environment selects one; unset (always, outside tests) nothing happens.
 */
export const CRASH_POINTS = ["staging-created", "staging-written", "previous-aside", "swapped"] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Dies here, at once and without cleanup, when the environment names this point. */
export function crashPoint(point: CrashPoint): void {
  if (process.env.OIC_GEN_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
