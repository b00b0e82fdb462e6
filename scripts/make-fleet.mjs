#!/usr/bin/env node
// Writes a deterministic fleet of OIC-style REST trigger specs for scale tests and `npm run bench`:
//   node scripts/make-fleet.mjs --out DIR [--count 200] [--seed 1] [--hostile]
// The shapes are described in scripts/fleet/ (one file per concern).
import { parseArgs } from "node:util";
import { writeFleet } from "./fleet/write-fleet.mjs";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    count: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    hostile: { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error("usage: node scripts/make-fleet.mjs --out DIR [--count N] [--seed S] [--hostile]");
  process.exit(2);
}
const { integrations, operations } = writeFleet({ out: values.out, count, seed, hostile: values.hostile });
console.log(`${integrations} integrations, ${operations} operations written to ${values.out}`);
