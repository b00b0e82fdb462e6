#!/usr/bin/env node
// What the generated code costs an app's type-check, against openapi-typescript's types-only output for the
// same specs (issue 9: at most 1.2x the time, 2x the instantiations). Prints medians of interleaved runs of
// `tsc --extendedDiagnostics`, with skipLibCheck off and on.
//   node scripts/typecheck-cost.mjs [--fleet DIR | --count 200 --seed 1] [--rounds 5] [--work DIR] [--ours DIR]
// `npm run bench` can call typecheckCost() and printTypecheckCost() instead of the command line.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { writeFleet } from "./fleet/write-fleet.mjs";
import { writePeerTypes } from "./typecheck/peer-types.mjs";
import { tscFigures, writeTsconfig } from "./typecheck/tsc-figures.mjs";

const ROOT = resolve(import.meta.dirname, "..");

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Generates the fleet with oic-gen and with openapi-typescript (unless `ours` or `peer` names an existing output), then
 * type-checks both `rounds` times, interleaved, with skipLibCheck false and true. Work folders must sit inside
 * this repository, where `@oic-gen/runtime` resolves.
 *
 * `skipLibCheck` narrows the settings checked (default both, false first).
 *
 * @param {{ fleet: string, work: string, rounds?: number, ours?: string, peer?: string, skipLibCheck?: boolean[] }} options
 * @returns {Promise<Array<{ skipLibCheck: boolean, ours: Record<string, number>, peer: Record<string, number> }>>}
 */
export async function typecheckCost({ fleet, work, rounds = 5, ours, peer, skipLibCheck: settings = [false, true] }) {
  const files = readdirSync(fleet)
    .sort()
    .map((name) => join(fleet, name));
  mkdirSync(work, { recursive: true });
  let peerDir = peer;
  if (!peerDir) {
    peerDir = join(work, "peer");
    await writePeerTypes({ root: ROOT, files, work, out: peerDir });
  }
  let oursDir = ours;
  if (!oursDir) {
    oursDir = join(work, "ours");
    rmSync(oursDir, { recursive: true, force: true });
    const result = spawnSync(
      process.execPath,
      [join(ROOT, "generator/bin/oic-gen.js"), fleet, "--out", oursDir, "-q"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    if (result.status !== 0) throw new Error(`oic-gen failed:\n${result.stdout}${result.stderr}`);
  }
  const rows = [];
  for (const skipLibCheck of settings) {
    const configs = {};
    for (const [side, dir] of [
      ["ours", oursDir],
      ["peer", peerDir],
    ]) {
      configs[side] = join(work, `tsconfig.${side}${skipLibCheck ? ".skiplib" : ""}.json`);
      writeTsconfig({ root: ROOT, dir: resolve(dir), config: configs[side], skipLibCheck });
    }
    const runs = { ours: [], peer: [] };
    for (let round = 0; round < rounds; round++)
      for (const side of round % 2 === 0 ? ["peer", "ours"] : ["ours", "peer"])
        runs[side].push(tscFigures({ root: ROOT, config: configs[side] }));
    const summary = (list) =>
      Object.fromEntries(Object.keys(list[0]).map((key) => [key, median(list.map((f) => f[key]))]));
    rows.push({ skipLibCheck, ours: summary(runs.ours), peer: summary(runs.peer) });
  }
  return rows;
}

/**
 * Prints what {@link typecheckCost} measured, ratios first. The time ratio is the CPU time of the whole `tsc`
 * process (reading, parsing, binding, checking): on a shared machine it moves less than wall time, also shown.
 */
export function printTypecheckCost(rows, rounds) {
  console.log(
    `type-check of the generated fleet, tsc --strict NodeNext: oic-gen vs openapi-typescript types only (${rounds} interleaved runs, medians)`,
  );
  const ratio = (row, key) => `${(row.ours[key] / row.peer[key]).toFixed(2)}x`;
  for (const row of rows) {
    console.log(
      `  skipLibCheck ${String(row.skipLibCheck).padEnd(5)}  time ${ratio(row, "cpu")} (target <= 1.2x; wall ${ratio(row, "wall")}, check ${ratio(row, "check")})` +
        `  instantiations ${row.ours.instantiations} vs ${row.peer.instantiations}: ${ratio(row, "instantiations")} (target <= 2x)` +
        `  types ${row.ours.types} vs ${row.peer.types}`,
    );
    for (const side of ["ours", "peer"]) {
      const f = row[side];
      const s = (key) => `${f[key].toFixed(2)} s`;
      console.log(
        `    ${side === "ours" ? "oic-gen" : "peer   "}  cpu ${s("cpu")}  wall ${s("wall")}  tsc total ${s("total")}  check ${s("check")}`,
      );
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      fleet: { type: "string" },
      count: { type: "string", default: "200" },
      seed: { type: "string", default: "1" },
      rounds: { type: "string", default: "5" },
      work: { type: "string", default: join(ROOT, ".bench/typecheck-cost") },
      ours: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const rounds = Number(values.rounds);
  if (values.help || !Number.isInteger(rounds) || rounds < 1) {
    console.error(
      "usage: node scripts/typecheck-cost.mjs [--fleet DIR | --count N --seed S] [--rounds N] [--work DIR] [--ours DIR]\n" +
        "  --fleet  specs to generate from (default: a fleet written with scripts/make-fleet.mjs's --count and --seed)\n" +
        "  --work   where outputs and tsconfigs go; must be inside this repository (default .bench/typecheck-cost)\n" +
        "  --ours   an existing oic-gen output to measure instead of generating one",
    );
    process.exit(values.help ? 0 : 2);
  }
  const work = resolve(values.work);
  let fleet = values.fleet;
  if (!fleet) {
    fleet = join(work, "fleet");
    rmSync(fleet, { recursive: true, force: true });
    writeFleet({ out: fleet, count: Number(values.count), seed: Number(values.seed) });
  }
  const rows = await typecheckCost({ fleet: resolve(fleet), work, rounds, ours: values.ours && resolve(values.ours) });
  printTypecheckCost(rows, rounds);
}
