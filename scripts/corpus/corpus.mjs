// `npm run corpus [-- --sample N --seed S --corpus directory,examples --json FILE]`: generates and type-checks
// real public specs with oic-gen, runs openapi-typescript on the same specs, and prints acceptance figures:
// accepted, refused, and refused although the peer accepts (the target is zero of those), with the first
// problem of each refusal. Generated code is type-checked with `tsc --strict` in batches (one program each).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { APP_COMPILER_OPTIONS } from "../typecheck/tsc-figures.mjs";
import { listSpecs, sample } from "./list-specs.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const { values: args } = parseArgs({
  options: {
    sample: { type: "string" },
    seed: { type: "string", default: "1" },
    corpus: { type: "string", default: "directory,examples" },
    jobs: { type: "string", default: String(Math.max(1, availableParallelism())) },
    timeout: { type: "string", default: "120" },
    "max-file-size": { type: "string", default: "50" },
    "batch-size": { type: "string", default: "40" },
    "no-typecheck": { type: "boolean", default: false },
    "peer-only-on-refusal": { type: "boolean", default: false },
    json: { type: "string" },
    only: { type: "string" },
    work: { type: "string" },
    ids: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run corpus -- [--sample N] [--seed S] [--corpus directory,examples] [--only text-in-id] [--ids file] [--jobs N] [--timeout s] [--max-file-size MB] [--no-typecheck] [--peer-only-on-refusal] [--json report.json] [--work dir (kept)]",
  );
  process.exit(0);
}

// Each run owns its folder (two runs at once must not delete each other's output).
const WORK = resolve(args.work ?? join(ROOT, ".bench", `corpus-${process.pid}`));
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
// --ids FILE: only the spec ids listed in FILE (one per line), e.g. to re-run those a report flagged.
const wanted = args.ids ? new Set(readFileSync(args.ids, "utf8").split("\n").filter(Boolean)) : undefined;
const all = listSpecs(args.corpus.split(",")).filter(
  (spec) => (!args.only || spec.id.includes(args.only)) && (!wanted || wanted.has(spec.id)),
);
const specs = args.sample ? sample(all, Number(args.sample), Number(args.seed)) : all;
const outOf = (index) => join(WORK, "out", String(index));
console.log(
  `corpus: ${specs.length} of ${all.length} specs (${args.corpus}${args.sample ? `, sample seed ${args.seed}` : ""}), ${args.jobs} workers`,
);

const results = await runAll(specs, Number(args.jobs), Number(args.timeout) * 1000);
if (!args["no-typecheck"]) typecheckAccepted(results, Number(args["batch-size"]));
report(results);
if (!args.work) rmSync(WORK, { recursive: true, force: true });

async function runAll(list, jobs, timeout) {
  const results = new Array(list.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    let worker;
    while (next < list.length) {
      const index = next++;
      worker ??= new Worker(new URL("./corpus-worker.mjs", import.meta.url), {
        resourceLimits: { maxOldGenerationSizeMb: 4096 },
      });
      const outcome = await new Promise((done_) => {
        const timer = setTimeout(() => done_({ timeout: true }), timeout);
        worker.once("message", (message) => {
          clearTimeout(timer);
          done_(message);
        });
        worker.once("error", (error) => {
          clearTimeout(timer);
          done_({ error: String(error?.message ?? error) });
        });
        worker.postMessage({
          spec: list[index],
          out: outOf(index),
          maxFileSize: Number(args["max-file-size"]) * 1e6,
          peerOnlyOnRefusal: args["peer-only-on-refusal"],
        });
      });
      if (!outcome.ours) {
        // The worker hung or died: stop it and start a fresh one for the next spec.
        await worker.terminate();
        worker = undefined;
        results[index] = {
          id: list[index].id,
          peer: { ok: null },
          ours: {
            ok: false,
            crash: true,
            first: outcome.timeout ? `no answer within ${timeout / 1000} s` : outcome.error,
          },
        };
      } else {
        worker.removeAllListeners("error");
        results[index] = outcome;
      }
      results[index].index = index;
      if (++done % 50 === 0 || done === list.length) process.stderr.write(`  ${done}/${list.length}\n`);
    }
    await worker?.terminate();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, list.length) }, lane));
  return results;
}

/** One `tsc --strict` program per batch of accepted outputs; diagnostics are mapped back to their spec. */
function typecheckAccepted(results, batchSize) {
  const accepted = results.filter((result) => result.ours.ok && result.ours.operations >= 0);
  for (let start = 0; start < accepted.length; start += batchSize) {
    const batch = accepted.slice(start, start + batchSize);
    const config = join(WORK, `tsconfig.${start}.json`);
    const files = batch.flatMap((result) => tsFiles(outOf(result.index)));
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: { ...APP_COMPILER_OPTIONS, skipLibCheck: true, types: [] },
        files,
      }),
    );
    const run = spawnSync(
      process.execPath,
      ["--max-old-space-size=8192", join(ROOT, "node_modules/typescript/bin/tsc"), "-p", config, "--pretty", "false"],
      { encoding: "utf8", maxBuffer: 1 << 28 },
    );
    const output = `${run.stdout}${run.stderr}`;
    for (const result of batch) {
      // tsc names files relative to the working directory.
      const folder = `${relative(process.cwd(), outOf(result.index))}/`;
      const first = output.split("\n").find((line) => line.startsWith(folder) && / error TS\d+/.test(line));
      result.compiles = !first;
      if (first) result.compileError = first.slice(folder.length, folder.length + 300);
    }
    if (run.status !== 0 && batch.every((result) => result.compiles)) {
      for (const result of batch) result.compiles = undefined;
      console.error(
        `tsc failed on batch ${start / batchSize} without diagnostics in the outputs:\n${output.slice(0, 2000)}`,
      );
    }
  }
}

function tsFiles(folder) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) found.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return found;
}

function report(results) {
  const count = (predicate) => results.filter(predicate).length;
  const accepted = results.filter((r) => r.ours.ok);
  const refused = results.filter((r) => !r.ours.ok);
  const peerAccepts = results.filter((r) => r.peer.ok);
  const refusedPeerAccepts = refused.filter((r) => r.peer.ok);
  const crashes = refused.filter((r) => r.ours.crash);
  const notCompiling = accepted.filter((r) => r.compiles === false);
  const lines = [
    "",
    `specs                                  ${results.length}`,
    `openapi-typescript accepts             ${peerAccepts.length}${args["peer-only-on-refusal"] ? " (run only on what oic-gen refuses)" : ""}`,
    `oic-gen accepts                        ${accepted.length}  (${count((r) => r.ours.ok && r.ours.warnings > 0)} with warnings)`,
    `oic-gen refuses                        ${refused.length}  (${count((r) => !r.ours.ok && !r.peer.ok)} refused by the peer too)`,
    `refused although the peer accepts      ${refusedPeerAccepts.length}`,
    `crashes or timeouts                    ${crashes.length}`,
    `accepted but not compiling (tsc)       ${notCompiling.length}${args["no-typecheck"] ? " (not checked)" : ""}`,
    `accepted by oic-gen, refused by peer   ${args["peer-only-on-refusal"] ? "not run" : count((r) => r.ours.ok && r.peer.ok === false)}`,
  ];
  console.log(lines.join("\n"));
  const list = (title, items, line) => {
    if (items.length === 0) return;
    console.log(`\n${title}:`);
    for (const item of items.slice(0, 200)) console.log(`  ${item.id}: ${line(item)}`);
    if (items.length > 200) console.log(`  … and ${items.length - 200} more`);
  };
  list("refused although the peer accepts", refusedPeerAccepts, (r) => r.ours.first);
  list(
    "crashes or timeouts",
    crashes.filter((r) => !r.peer.ok),
    (r) => r.ours.first,
  );
  list("accepted but not compiling", notCompiling, (r) => r.compileError);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ results }, null, 2)}\n`);
  process.exitCode = refusedPeerAccepts.length + crashes.length + notCompiling.length > 0 ? 1 : 0;
}
