// `npm run bench`: speed figures, measured against peers in the same run (the machine is shared and noisy,
// so compare ratios, not seconds). The generator (bench/generator.mjs), then the runtime and the Redis store.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

{
  const result = spawnSync(process.execPath, [join(ROOT, "bench/generator.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exitCode = 1;
}

if (existsSync(join(ROOT, "bench/runtime.mjs"))) {
  console.log("");
  const result = spawnSync(process.execPath, [join(ROOT, "bench/runtime.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exitCode = 1;
}

// The Redis token store against the memory store (starts its own redis-server on a free port).
if (spawnSync("redis-server", ["--version"]).status === 0) {
  console.log("");
  const result = spawnSync(process.execPath, [join(ROOT, "bench/redis-store.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exitCode = 1;
} else {
  console.log("\nRedis token store: skipped (no redis-server; apt-get install redis-server)");
}
