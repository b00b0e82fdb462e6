import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runHere, tsFiles, typecheck } from "./support.js";

const OUT = join(ROOT, "test/.tmp/specs-compile");
const USAGE = join(ROOT, "test/generator/usage/specs-usage.ts");

describe("code generated from specs/", () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    const result = await runHere(["./specs", "--out", OUT]);
    expect(result.status, result.output).toBe(0);
  });

  for (const resolution of ["NodeNext", "Bundler"] as const) {
    it(`compiles with --strict under ${resolution} resolution, and wrong calls do not`, () => {
      expect(typecheck([...tsFiles(OUT), USAGE], resolution)).toBe("");
    });
  }

  it("passes noUnusedLocals and noUnusedParameters (no unused import or alias in generated files)", () => {
    expect(
      typecheck(tsFiles(OUT), "NodeNext", { noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true }),
    ).toBe("");
  });

  it("reports a wrong call that is not marked as expected to fail", () => {
    // Guards the guard: the usage file is only meaningful if tsc really checks it.
    const broken = join(ROOT, "test/generator/usage/broken-usage.fixture.ts");
    const diagnostics = typecheck([...tsFiles(OUT), broken], "NodeNext");
    expect(diagnostics).toMatch(/broken-usage\.fixture\.ts.*error TS2345|error TS2322|error TS2353/);
  });
});
