import { availableParallelism, loadavg } from "node:os";

/**
 * The threads worth using when `--jobs` does not say: the cores that are idle (cores minus the one-minute load
 * average, rounded), at least one. A worker loads its own TypeScript and competes for a core: on a 2-core
 * machine running other work (load 9-10), the 200-integration fleet took 1.98 s on one thread and 2.78 s on two.
 * (Where the system gives no load average, as on Windows, every core counts as idle.)
 */
export function idleCores(cores = availableParallelism(), load = loadavg()[0]!): number {
  return Math.max(1, Math.min(cores, Math.round(cores - load)));
}
