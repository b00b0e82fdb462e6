import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, fleet, ROOT, runHere, tempDir, tsFiles, typecheck } from "./support.js";

/** The inputs at scale, each generated into its own folder. */
const inputs = {
  "the 200-integration fleet (seed 1)": () => [fleet(200, 1)],
  "the octokit GHES spec (876 KB)": () => [join(FIXTURES, "public/octokit-ghes-3.6-diff-to-api.json")],
  "the DigitalOcean spec split over many files joined by relative $refs": () => [
    join(FIXTURES, "public/digital-ocean/DigitalOcean-public.v2.yaml"),
  ],
  "the small public specs: petstore, simple-example, swagger2/*": () => [
    join(FIXTURES, "public/petstore.yaml"),
    join(FIXTURES, "public/simple-example.yaml"),
    join(FIXTURES, "public/swagger2"),
  ],
  "the awkward but legitimate specs (recursion, composition, colliding ids, hostile names)": () => [
    join(ROOT, "test/fixtures/awkward"),
  ],
};
type Name = keyof typeof inputs;

const generated = new Map<Name, { out: string; status: number; output: string; stdout: string }>();

// Generated once each, then type-checked together: one TypeScript program (lib and @types/node read once)
// instead of one per input. Diagnostics name the file, and so the input.
beforeAll(async () => {
  for (const [name, paths] of Object.entries(inputs) as [Name, () => string[]][]) {
    const out = join(tempDir("scale"), "oic");
    rmSync(out, { recursive: true, force: true });
    const result = await runHere([...paths(), "--out", out]);
    generated.set(name, { out, ...result });
  }
}, 300_000);

describe("inputs at scale generate and compile", () => {
  it.each([
    ["the 200-integration fleet (seed 1)", /200 integrations, \d+ operations/],
    ["the octokit GHES spec (876 KB)", /1 integration, 1\d\d operations/],
    ["the DigitalOcean spec split over many files joined by relative $refs", /1 integration, [1-9]\d\d operations/],
    ["the small public specs: petstore, simple-example, swagger2/*", /7 integrations/],
    ["the awkward but legitimate specs (recursion, composition, colliding ids, hostile names)", /integrations?, /],
  ] as [Name, RegExp][])("%s generates", (name, summary) => {
    const result = generated.get(name)!;
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(summary);
  });

  it("every output compiles under --strict NodeNext (one program for all)", () => {
    expect([...generated.keys()]).toEqual(Object.keys(inputs));
    const files = [...generated.values()].flatMap(({ out }) => tsFiles(out));
    expect(typecheck(files, "NodeNext")).toBe("");
  }, 300_000);
});
