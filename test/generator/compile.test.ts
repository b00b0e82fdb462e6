import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diagnose, formatDiagnostics, ROOT, runHere, tsFiles, typecheck } from "./support.js";

const OUT = join(ROOT, "test/.tmp/specs-compile");
const USAGE = join(ROOT, "test/generator/usage/specs-usage.ts");

describe("code generated from specs/", () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    const result = await runHere(["./specs", "--out", OUT]);
    expect(result.status, result.output).toBe(0);
  });

  it("compiles with --strict under Bundler resolution, and wrong calls do not", () => {
    expect(typecheck([...tsFiles(OUT), USAGE], "Bundler")).toBe("");
  });

  it("passes noUnusedLocals and noUnusedParameters (no unused import or alias in generated files)", () => {
    expect(
      typecheck(tsFiles(OUT), "NodeNext", { noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true }),
    ).toBe("");
  });

  it("compiles with --strict under NodeNext resolution, wrong calls do not, and an unmarked wrong call is reported", () => {
    // The broken file guards the guard: the usage file is only meaningful if tsc really checks it. One program
    // for the generated code, the usage file and the broken file: the broken file alone has errors.
    const broken = join(ROOT, "test/generator/usage/broken-usage.fixture.ts");
    const diagnostics = diagnose([...tsFiles(OUT), USAGE, broken], "NodeNext");
    const inBroken = diagnostics.filter((d) => d.file?.fileName === broken);
    expect(formatDiagnostics(diagnostics.filter((d) => d.file?.fileName !== broken))).toBe("");
    expect(formatDiagnostics(inBroken)).toMatch(/broken-usage\.fixture\.ts.*error TS2345|error TS2322|error TS2353/);
  });
});
