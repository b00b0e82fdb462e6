import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, hashTree, ROOT, runCli, tempDir } from "./support.js";

interface BadCase {
  name: string;
  input: string;
  pointer: string | null;
  why: string;
  generate?: string;
  file?: string;
}

const BAD = join(ROOT, "test/fixtures/bad");
const cases = JSON.parse(readFileSync(join(BAD, "cases.json"), "utf8")) as BadCase[];

describe("bad input: exit 1, file and JSON pointer named, output folder untouched", () => {
  let out: string;
  let before: Record<string, string>;
  let generated: string;

  beforeAll(() => {
    // An output folder with real generated content, so "unchanged" means something.
    out = join(tempDir("bad-out"), "oic");
    expect(runCli([join(FIXTURES, "public/petstore.yaml"), "--out", out]).status).toBe(0);
    before = hashTree(out);
    generated = tempDir("bad-generated");
    for (const script of new Set(cases.flatMap((c) => (c.generate ? [c.generate] : [])))) {
      expect(spawnSync(process.execPath, [join(BAD, script), generated]).status).toBe(0);
    }
  });

  it("has a corpus of at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const input = c.generate ? join(generated, c.input) : join(BAD, c.input);
    const started = performance.now();
    // A small heap: an alias bomb or a huge file must be refused, not expanded.
    const result = runCli([input, "--out", out], { timeout: 30_000, nodeArgs: ["--max-old-space-size=256"] });
    const seconds = (performance.now() - started) / 1000;
    expect(result.status, `${c.why}\n${result.output}`).toBe(1);
    expect(result.stderr).not.toMatch(/unexpected error/);
    const named = c.file ?? c.input;
    expect(result.stderr).toContain(basename(named));
    if (c.pointer !== null) expect(result.stderr).toContain(c.pointer);
    expect(seconds).toBeLessThan(20);
    expect(hashTree(out)).toEqual(before);
  });

  it("reports every broken input of one run, not just the first", () => {
    const picked = ["truncated-json", "ref-missing-pointer", "parameters-object", "swagger-1.2", "ref-remote-url"].map((name) => cases.find((c) => c.name === name)!);
    const result = runCli([...picked.map((c) => join(BAD, c.input)), "--out", out]);
    expect(result.status).toBe(1);
    for (const c of picked) {
      expect(result.stderr).toContain(basename(c.input));
      if (c.pointer) expect(result.stderr).toContain(c.pointer);
    }
    expect(result.stderr).toMatch(/problems in the input; nothing was written/);
    expect(hashTree(out)).toEqual(before);
  });
});
