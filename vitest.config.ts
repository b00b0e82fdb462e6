import module from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { SlowestFirst } from "./test/support/slowest-first.js";

// Node 22.1 and later keep compiled code of the modules they load (TypeScript, npm, oidc-provider, the CLI's own
// files) when NODE_COMPILE_CACHE names a folder. Set here, before vitest starts its workers, it reaches every
// worker and every process the tests start that inherits the environment: the suite starts hundreds of Node
// processes that load the same files. Node's own default place, in the temporary folder: entries are keyed by
// path, and every run installs packages into fresh temporary apps, so the folder grows run by run. Node 20
// ignores it.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "node-compile-cache");
(module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

// V8 gives each Node process a pool of 4 background threads (garbage collection, compilation). The suite runs
// two files at once and they start Node processes of their own (tsc, the CLI, npm, replicas), so on two cores those
// pools only take turns with the main threads: two tsc runs side by side finished 10-15% sooner with one thread
// each. One per two cores, for the workers and every process that inherits the environment.
const v8Pool = Math.max(1, Math.floor(availableParallelism() / 2));
if (!process.env.NODE_OPTIONS?.includes("--v8-pool-size"))
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --v8-pool-size=${v8Pool}`.trim();

/**
 * Test files that leave nothing behind in the worker: no browser or Redis, no child process that outlives its test
 * (two run the CLI or a script to completion), in-process servers closed by the file, `process.env` restored, and
 * no reliance on module state that another file may have left (deadline.test.ts loads its own copy). They run last,
 * one after another in the two workers, which go on from file to file (`isolate: false`): a fresh worker costs
 * about 0.4 s of a core per file, which for these files is more than their tests take. Every other file gets a
 * fresh worker, and so does any new file until it is listed here.
 */
export const SHARED_WORKER_FILES = [
  "test/generator/{cli,emit,load,model,pipeline,plan,write}/**/*.test.ts",
  "test/generator/{calls,errors,golden,paths,refs-offline,stable-names}.test.ts",
  "test/runtime/auth/**/*.test.ts",
  "test/runtime/{call-limits,cli-login-reuse,deadline,discovery-real-document,file-token-store}.test.ts",
  "test/runtime/{instance-binding,login-store-location,oic-faults,refresh-ahead-default}.test.ts",
  "test/runtime/{refresh-without-rotation,serialize-body}.test.ts",
  "test/sandbox/**/*.test.ts",
  "test/scripts/fleet/**/*.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites start real servers and browsers; two cores are shared between files.
    fileParallelism: true,
    maxWorkers: 2,
    // The slowest files start first, in an order that keeps the heaviest apart; the shared-worker files run last,
    // together (test/support/slowest-first.ts).
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "isolated",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...SHARED_WORKER_FILES],
          // One headless Chromium for the run; files that sign users in connect to it.
          globalSetup: ["test/support/browser-server.ts"],
        },
      },
      { extends: true, test: { name: "shared-worker", include: SHARED_WORKER_FILES, isolate: false } },
    ],
  },
});
