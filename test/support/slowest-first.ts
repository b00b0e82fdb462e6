/**
 * The order test files start in. Two workers share two cores, so a long file that starts last runs alone while
 * the other core idles, and two files that each run many processes at once (npm installs, Chromium, replicas,
 * Redis) slow each other down far more than their CPU time says: packed-packages took 26 s alone, 29 s beside
 * lighter files and 45 s beside web-app-replicas. So the files below always start first, in this order, which
 * keeps those two apart; the rest follow in vitest's own order (longest first by the durations it cached from the
 * last run; in a fresh clone, larger files first), and the files that share workers (vitest.config.ts) come last.
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The longest files on their own (7-26 s, quiet 2-core machine), heaviest first, the two multi-process ones apart. */
export const START_FIRST = [
  "test/replicas/web-app-replicas.test.ts",
  "test/corpus/corpus-sample.test.ts",
  "test/scripts/typecheck-cost.test.ts",
  "test/workflow/examples.test.ts",
  "test/generator/scale.test.ts",
  "test/workflow/cli-mistakes.test.ts",
  "test/packaging/packed-packages.test.ts",
  "test/workflow/pull-hostile.test.ts",
  "test/workflow/login-device.test.ts",
  "test/runtime/device-code.test.ts",
];

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification) => {
      // Files that share workers run last and one after another, so that a worker goes on to the next of them
      // instead of being stopped and started again (vitest reuses a worker only for the next file in the queue).
      if (file.project.config.isolate === false) return START_FIRST.length + 1;
      const index = START_FIRST.indexOf(relative(root, file.moduleId));
      return index === -1 ? START_FIRST.length : index;
    };
    return sorted
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}
