import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatProblem, SpecError } from "../../generator/src/errors.js";
import { generate } from "../../generator/src/generate.js";
import { FIXTURES, hashTree, ROOT, runCli, tempDir } from "./support.js";

interface BadCase {
  name: string;
  input: string;
  pointer: string | null;
  why: string;
  generate?: string;
  file?: string;
  /** Extra command-line arguments (`--strict` for input that is otherwise accepted with a warning). */
  args?: string[];
}

const BAD = join(ROOT, "test/fixtures/bad");
const cases = JSON.parse(readFileSync(join(BAD, "cases.json"), "utf8")) as BadCase[];

/**
 * Run through the CLI as a user would, in a process with a small heap: inputs that would exhaust memory if
 * they were expanded, and one plain case, for the exit code and the message on stderr. Every other case runs
 * in this process (the same pipeline, without a process start-up each).
 */
const CLI_CASES = new Set([
  "yaml-alias-bomb",
  "large-10mb",
  "anchor-expansion",
  "deep-nesting",
  "truncated-json",
  "ansi-in-keys",
]);

/** The problems the pipeline reports for `inputs`, formatted as the CLI prints them; fails if it does not refuse. */
async function refusal(inputs: string[], out: string, strict = false): Promise<string> {
  const error = await generate({ inputs, out, strict }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "the input must be refused").toBeInstanceOf(SpecError);
  return (error as SpecError).problems.map(formatProblem).join("\n");
}

describe("bad input: exit 1, file and JSON pointer named, output folder untouched", () => {
  let out: string;
  let before: Record<string, string>;
  let generated: string;

  beforeAll(async () => {
    // An output folder with real generated content, so "unchanged" means something.
    out = join(tempDir("bad-out"), "oic");
    await generate({ inputs: [join(FIXTURES, "public/petstore.yaml")], out });
    before = hashTree(out);
    generated = tempDir("bad-generated");
    for (const script of new Set(cases.flatMap((c) => (c.generate ? [c.generate] : [])))) {
      expect(spawnSync(process.execPath, [join(BAD, script), generated]).status).toBe(0);
    }
  });

  it("has a corpus of at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it("runs a handful of cases through the CLI", () => {
    expect(
      cases
        .filter((c) => CLI_CASES.has(c.name))
        .map((c) => c.name)
        .sort(),
    ).toEqual([...CLI_CASES].sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const input = c.generate ? join(generated, c.input) : join(BAD, c.input);
    const started = performance.now();
    let reported: string;
    if (CLI_CASES.has(c.name)) {
      // A small heap: an alias bomb or a huge file must be refused, not expanded.
      const result = runCli([input, "--out", out, ...(c.args ?? [])], {
        timeout: 30_000,
        nodeArgs: ["--max-old-space-size=256"],
      });
      expect(result.status, `${c.why}\n${result.output}`).toBe(1);
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect(result.stderr).toMatch(/problems? in the input; nothing was written/);
      reported = result.stderr;
    } else {
      reported = await refusal([input], out, c.args?.includes("--strict") ?? false);
    }
    const seconds = (performance.now() - started) / 1000;
    // Nothing from a spec reaches the terminal raw: no control character but the newlines between lines.
    expect(reported).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const named = c.file ?? c.input;
    expect(reported, c.why).toContain(basename(named));
    if (c.pointer !== null) expect(reported, c.why).toContain(c.pointer);
    expect(seconds).toBeLessThan(20);
    expect(hashTree(out)).toEqual(before);
  });

  it("reports every broken input of one run, not just the first", () => {
    const picked = ["truncated-json", "ref-missing-pointer", "parameters-object", "swagger-1.2", "ref-remote-url"].map(
      (name) => cases.find((c) => c.name === name)!,
    );
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
