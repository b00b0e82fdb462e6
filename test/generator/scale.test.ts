import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, fleet, ROOT, runHere, tempDir, tsFiles, typecheck } from "./support.js";

/** Generates `inputs` into a fresh folder and type-checks the result under NodeNext. */
async function generateAndCompile(inputs: string[]): Promise<{ output: string; diagnostics: string }> {
  const out = join(tempDir("scale"), "oic");
  rmSync(out, { recursive: true, force: true });
  const result = await runHere([...inputs, "--out", out]);
  expect(result.status, result.output).toBe(0);
  return { output: result.stdout, diagnostics: typecheck(tsFiles(out), "NodeNext") };
}

describe("inputs at scale generate and compile", () => {
  it("the 200-integration fleet (seed 1)", async () => {
    const { output, diagnostics } = await generateAndCompile([fleet(200, 1)]);
    expect(output).toMatch(/200 integrations, \d+ operations/);
    expect(diagnostics).toBe("");
  }, 300_000);

  it("the octokit GHES spec (876 KB)", async () => {
    const { output, diagnostics } = await generateAndCompile([
      join(FIXTURES, "public/octokit-ghes-3.6-diff-to-api.json"),
    ]);
    expect(output).toMatch(/1 integration, 1\d\d operations/);
    expect(diagnostics).toBe("");
  }, 300_000);

  it("the DigitalOcean spec split over many files joined by relative $refs", async () => {
    const { output, diagnostics } = await generateAndCompile([
      join(FIXTURES, "public/digital-ocean/DigitalOcean-public.v2.yaml"),
    ]);
    expect(output).toMatch(/1 integration, [1-9]\d\d operations/);
    expect(diagnostics).toBe("");
  }, 300_000);

  it("the small public specs: petstore, simple-example, swagger2/*", async () => {
    const { output, diagnostics } = await generateAndCompile([
      join(FIXTURES, "public/petstore.yaml"),
      join(FIXTURES, "public/simple-example.yaml"),
      join(FIXTURES, "public/swagger2"),
    ]);
    expect(output).toMatch(/7 integrations/);
    expect(diagnostics).toBe("");
  }, 300_000);

  it("the awkward but legitimate specs (recursion, composition, colliding ids, hostile names)", async () => {
    const { diagnostics } = await generateAndCompile([join(ROOT, "test/fixtures/awkward")]);
    expect(diagnostics).toBe("");
  }, 300_000);
});
