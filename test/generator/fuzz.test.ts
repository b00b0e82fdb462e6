import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SpecError } from "../../generator/src/errors.js";
import { generate } from "../../generator/src/generate.js";
import { fleet, tempDir, tsFiles, typecheck } from "./support.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutation = { at: number; kind: "delete" | "replace" | "rename" | "ref" | "text"; value: Json; text: string };

/** Every location in a document, as a list of keys from the root. */
function locations(
  node: Json,
  path: (string | number)[] = [],
  found: (string | number)[][] = [],
): (string | number)[][] {
  found.push(path);
  if (Array.isArray(node)) for (const [i, child] of node.entries()) locations(child, [...path, i], found);
  else if (node && typeof node === "object")
    for (const key of Object.keys(node)) locations(node[key]!, [...path, key], found);
  return found;
}

function mutate(doc: Json, mutation: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  const all = locations(copy).filter((path) => path.length > 0);
  const path = all[mutation.at % all.length]!;
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  const key = path.at(-1)!;
  const define = (name: string | number, value: unknown) =>
    Object.defineProperty(parent, name, { value, enumerable: true, writable: true, configurable: true });
  switch (mutation.kind) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case "replace":
      define(key, mutation.value);
      break;
    case "rename":
      if (!Array.isArray(parent)) {
        const value = parent[key];
        delete parent[key];
        define(mutation.text, value);
      }
      break;
    case "ref":
      define(key, { $ref: mutation.text });
      break;
    case "text":
      define(key, `${mutation.text} */ \${x} \` \u2028 <script>`);
      break;
  }
  return copy;
}

describe("fuzz: mutated fleet specs give compiling output or a clear error, never a crash", () => {
  const seeds: Json[] = [];
  beforeAll(() => {
    const dir = fleet(12, 9, { prefix: "fuzz-fleet" });
    for (const name of readdirSync(dir).sort()) seeds.push(JSON.parse(readFileSync(join(dir, name), "utf8")) as Json);
  });

  it("holds for 60 random mutations", async () => {
    const outputs: string[] = [];
    let rejected = 0;
    let couldNot = 0;
    const mutation = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("delete", "replace", "rename", "ref", "text"),
      value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
      text: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          "#/nope",
          "__proto__",
          "constructor",
          "../x.json",
          "http://example.com/a",
          "#/paths",
          "1 2",
          "*/",
        ),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
        const doc = mutations.reduce((current, m) => mutate(current, m), seeds[which % seeds.length]!);
        const dir = tempDir("fuzz-case");
        mkdirSync(join(dir, "in"));
        writeFileSync(join(dir, "in", "spec.json"), JSON.stringify(doc));
        try {
          await generate({ inputs: [join(dir, "in")], out: join(dir, "out") });
          outputs.push(join(dir, "out"));
        } catch (error) {
          if (!(error instanceof SpecError)) throw error;
          rejected++;
          for (const p of error.problems)
            if (p.message.startsWith("could not generate")) {
              couldNot++;
              if (process.env.FUZZ_VERBOSE) console.log("CNG", p.message.slice(0, 160));
            }
          for (const problem of error.problems) {
            expect(problem.file).toMatch(/spec\.json$/);
            expect(problem.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60), seed: Number(process.env.FUZZ_SEED ?? 20261124) },
    );
    expect(outputs.length + rejected).toBe(Number(process.env.FUZZ_RUNS ?? 60));
    if (process.env.FUZZ_VERBOSE) console.log({ generated: outputs.length, rejected, couldNot });
    // Every rejection names a located problem; none is an emitter crash passed through.
    expect(couldNot).toBe(0);
    // Everything that was generated must compile, all of it in one tsc run.
    expect(typecheck(outputs.flatMap(tsFiles), "NodeNext")).toBe("");
  }, 300_000);
});
