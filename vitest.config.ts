import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites start real servers and browsers; two cores are shared between files.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
