#!/usr/bin/env node
// Writes a deterministic fleet of OIC-style REST trigger specs for scale tests and `npm run bench`:
//   node scripts/make-fleet.mjs --out DIR [--count 200] [--seed 1] [--hostile]
// The shapes are described in scripts/fleet/ (one file per concern).
import { parseArgs } from "node:util";
import { writeFleet } from "./fleet/write-fleet.mjs";

const USAGE = `usage: node scripts/make-fleet.mjs --out DIR [--count N] [--seed S] [--hostile]
  --out DIR     folder to write the specs into (created if missing)
  --count N     integrations to write (default 200)
  --seed S      the same seed writes the same fleet (default 1)
  --hostile     mix in names and texts that a generator must escape or rename`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: "string" },
      count: { type: "string", default: "200" },
      seed: { type: "string", default: "1" },
      hostile: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = Number(values.count);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}
const { integrations, operations } = writeFleet({ out: values.out, count, seed, hostile: values.hostile });
console.log(`${integrations} integrations, ${operations} operations written to ${values.out}`);
