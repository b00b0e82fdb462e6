// `npm run bench`: speed figures, measured against peers in the same run (the machine is shared and noisy,
// so compare ratios, not seconds). Rounds are interleaved and medians reported.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { writeFleet } from "../scripts/fleet/write-fleet.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const WORK = join(ROOT, ".bench");
const CLI = join(ROOT, "generator/bin/oic-gen.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const require = createRequire(join(ROOT, "generator/package.json"));

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (seconds) => `${seconds.toFixed(2)} s`;

function timed(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", ...options });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return seconds;
}

/** OpenAPI 3 JSON copies of the inputs for the peer (conversion not timed). */
async function oas3Copies(files, dir) {
  const s2o = require("swagger2openapi");
  const YAML = require("yaml");
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    let doc = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
    if (doc.swagger) doc = (await s2o.convertObj(doc, { patch: true, warnOnly: true, resolve: false, text })).openapi;
    writeFileSync(join(dir, file.replace(/^.*\//, "").replace(/\.(ya?ml|json)$/, ".json")), JSON.stringify(doc));
  }
}

function tscSeconds(dir) {
  const config = join(dir, "..", `tsconfig.${dir.replace(/^.*\//, "")}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2023", "DOM"],
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
      },
      include: [`${dir}/**/*.ts`],
    }),
  );
  return timed(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", config]);
}

async function compare(label, inputs, files) {
  const oas3 = join(WORK, `${label}-oas3`);
  await oas3Copies(files, oas3);
  const ours = [];
  const peer = [];
  for (let round = 0; round < ROUNDS; round++) {
    const peerOut = join(WORK, `${label}-peer`);
    rmSync(peerOut, { recursive: true, force: true });
    peer.push(timed(process.execPath, [join(ROOT, "bench/peer-types.mjs"), oas3, peerOut]));
    const ourOut = join(WORK, `${label}-ours`);
    rmSync(ourOut, { recursive: true, force: true });
    ours.push(timed(process.execPath, [CLI, ...inputs, "--out", ourOut, "-q"]));
  }
  const tscOurs = [];
  const tscPeer = [];
  for (let round = 0; round < ROUNDS; round++) {
    tscPeer.push(tscSeconds(join(WORK, `${label}-peer`)));
    tscOurs.push(tscSeconds(join(WORK, `${label}-ours`)));
  }
  return { label, ours: median(ours), peer: median(peer), tscOurs: median(tscOurs), tscPeer: median(tscPeer) };
}

/** Re-run after touching one spec: as a new process, and in-process as `--watch` does it. */
async function rerun(fleetDir) {
  const out = join(WORK, "rerun-out");
  const input = join(WORK, "rerun-fleet");
  cpSync(fleetDir, input, { recursive: true });
  timed(process.execPath, [CLI, input, "--out", out, "-q"]);
  const victim = join(input, readdirSync(input).sort()[0]);
  const original = readFileSync(victim, "utf8");
  const touch = (round) => writeFileSync(victim, original.replace('"summary": "', `"summary": "round ${round} `));
  const cli = [];
  for (let round = 0; round < ROUNDS; round++) {
    touch(round);
    cli.push(timed(process.execPath, [CLI, input, "--out", out, "-q"]));
  }
  const unchanged = [];
  for (let round = 0; round < ROUNDS; round++)
    unchanged.push(timed(process.execPath, [CLI, input, "--out", out, "-q"]));
  const { generate } = await import(join(ROOT, "generator/dist/generate.js"));
  const { FileCache } = await import(join(ROOT, "generator/dist/load/file-cache.js"));
  const cache = new FileCache(5_000_000);
  const cwd = process.cwd();
  process.chdir(ROOT);
  // Warm up like a watcher that has already regenerated once: modules loaded, files parsed.
  touch(99);
  await generate({ inputs: [input], out, cache });
  const watch = [];
  for (let round = 0; round < ROUNDS; round++) {
    touch(round + 10);
    const started = performance.now();
    const result = await generate({ inputs: [input], out, cache });
    watch.push((performance.now() - started) / 1000);
    if (result.emitted !== 1) throw new Error(`expected one integration re-emitted, got ${result.emitted}`);
  }
  process.chdir(cwd);
  writeFileSync(victim, original);
  return { cli: median(cli), unchanged: median(unchanged), watch: median(watch) };
}

const fleetDir = join(WORK, "fleet");
writeFleet({ out: fleetDir, count: 200, seed: 1 });
const fleetFiles = readdirSync(fleetDir)
  .sort()
  .map((name) => join(fleetDir, name));
const octokit = join(ROOT, "test/fixtures/public/octokit-ghes-3.6-diff-to-api.json");

console.log(`oic-gen benchmark (${ROUNDS} interleaved rounds, medians; 2-core shared machine: read the ratios)\n`);
const rows = [await compare("fleet", [fleetDir], fleetFiles), await compare("octokit", [octokit], [octokit])];
console.log(
  "generation: oic-gen full output (types + functions + index, cold, new process) vs openapi-typescript API, types only",
);
for (const row of rows) {
  console.log(
    `  ${row.label.padEnd(8)} oic-gen ${fmt(row.ours)}   openapi-typescript ${fmt(row.peer)}   ratio ${(row.ours / row.peer).toFixed(2)}x   (target fleet <= 0.75x)`,
  );
}
console.log("type-check (tsc --noEmit --strict): oic-gen output vs types-only output");
for (const row of rows) {
  console.log(
    `  ${row.label.padEnd(8)} oic-gen ${fmt(row.tscOurs)}   types only ${fmt(row.tscPeer)}   ratio ${(row.tscOurs / row.tscPeer).toFixed(2)}x   (target <= 1.3x)`,
  );
}
const again = await rerun(fleetDir);
console.log("re-run on the fleet with one spec changed (target < 0.4 s wall)");
console.log(
  `  new process (oic-gen ./fleet --out ...): ${fmt(again.cli)}   nothing changed: ${fmt(again.unchanged)}   in-process, as --watch does: ${fmt(again.watch)}`,
);

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
