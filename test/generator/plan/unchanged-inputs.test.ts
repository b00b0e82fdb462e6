import { copyFileSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../../generator/dist/generate.js";
import { FileCache } from "../../../generator/dist/load/file-cache.js";
import { SpecError } from "../../../generator/dist/errors.js";
import { ROOT, tempDir } from "../support.js";

// A re-run decides "unchanged" from the bytes of each spec and of the files it references, before parsing any
// of them; everything the plan needs of a reused spec comes from the manifest.
const SPEC = join(ROOT, "specs/ORDERS_SYNC_02.00.0000.openapi.json");
const EMPLOYEE = join(ROOT, "specs/hr");
const SLOPPY = join(ROOT, "test/fixtures/sloppy/loose-types.yaml");

/** One fixed modification time, so that an edit can keep it. */
const STAMP = new Date("2026-01-02T03:04:05Z");

/** Writes `text` to `file` and sets its modification time back to {@link STAMP}. */
function writeStamped(file: string, text: string): void {
  writeFileSync(file, text);
  utimesSync(file, STAMP, STAMP);
}

/** The spec with one title character changed and the length kept: only the bytes can tell it apart. */
function sameLengthEdit(text: string): string {
  const edited = text.replace('"title": "', '"title": "X').replace(/"title": "X(.)/, '"title": "X');
  expect(edited.length).toBe(text.length);
  expect(edited).not.toBe(text);
  return edited;
}

function workspace(prefix: string) {
  const dir = tempDir(prefix);
  const specs = join(dir, "specs");
  mkdirSync(specs);
  return { specs, out: join(dir, "out") };
}

describe("specs unchanged before parsing", () => {
  it("reuses an unchanged spec without parsing it", async () => {
    const { specs, out } = workspace("unchanged-reuse");
    copyFileSync(SPEC, join(specs, "orders.json"));
    expect((await generate({ inputs: [specs], out })).emitted).toBe(1);
    const cache = new FileCache(5_000_000);
    const again = await generate({ inputs: [specs], out, cache });
    expect(again.emitted).toBe(0);
    expect(again.integrations).toBe(1);
    expect(cache.isParsed(join(specs, "orders.json"))).toBe(false);
  });

  it("reuses nothing printed by the same version built from other templates", async () => {
    const { specs, out } = workspace("unchanged-other-templates");
    copyFileSync(SPEC, join(specs, "orders.json"));
    await generate({ inputs: [specs], out });
    const manifestFile = join(out, ".oic-gen-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { generator: string };
    expect(manifest.generator).toMatch(/^oic-gen@\d+\.\d+\.\d+.*\+templates\.[0-9a-f]{12}$/);
    // As if a development build with other templates had written the output: same version, other hash.
    manifest.generator = manifest.generator.replace(/\+templates\.[0-9a-f]{12}$/, "+templates.000000000000");
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const again = await generate({ inputs: [specs], out });
    expect(again.emitted).toBe(1);
  });

  it("sees an edit that keeps the size and the modification time", async () => {
    const { specs, out } = workspace("unchanged-same-stamp");
    const file = join(specs, "orders.json");
    const text = readFileSync(SPEC, "utf8");
    writeStamped(file, text);
    await generate({ inputs: [specs], out });
    const before = statSync(file);
    writeStamped(file, sameLengthEdit(text));
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const cache = new FileCache(5_000_000);
    const again = await generate({ inputs: [specs], out, cache });
    expect(again.emitted).toBe(1);
    expect(cache.isParsed(file)).toBe(true);
  });

  it("under --watch, sees an edit that keeps the size and the modification time of a spec it read before", async () => {
    const { specs, out } = workspace("unchanged-watch-stamp");
    const file = join(specs, "orders.json");
    const text = readFileSync(SPEC, "utf8");
    writeStamped(file, text);
    // One cache for every run, as --watch keeps it, with a clock far enough ahead that the spec's stamp is trusted.
    const cache = new FileCache(5_000_000, () => Date.now() + 60_000);
    expect((await generate({ inputs: [specs], out, cache })).emitted).toBe(1);
    expect((await generate({ inputs: [specs], out, cache })).emitted).toBe(0);
    writeStamped(file, sameLengthEdit(text));
    expect((await generate({ inputs: [specs], out, cache })).emitted).toBe(1);
    expect(readFileSync(join(out, ".oic-gen-manifest.json"), "utf8")).toContain('"title": "X');
  });

  it("emits again a spec whose referenced file changed, and records what it references", async () => {
    const { specs, out } = workspace("unchanged-dependency");
    const hr = join(specs, "hr");
    mkdirSync(join(hr, "schemas"), { recursive: true });
    const entry = join(hr, "EMPLOYEE_SYNC_01.00.0000.openapi.yaml");
    const schema = join(hr, "schemas/employee.schema.yaml");
    copyFileSync(join(EMPLOYEE, "EMPLOYEE_SYNC_01.00.0000.openapi.yaml"), entry);
    copyFileSync(join(EMPLOYEE, "schemas/employee.schema.yaml"), schema);
    await generate({ inputs: [specs], out });
    const manifest = JSON.parse(readFileSync(join(out, ".oic-gen-manifest.json"), "utf8"));
    expect(manifest.integrations[0].dependencies).toEqual(["schemas/employee.schema.yaml"]);
    // The fragment is no spec: reused with its referrer, it is not reported as one either.
    expect((await generate({ inputs: [specs], out })).emitted).toBe(0);
    writeFileSync(schema, `${readFileSync(schema, "utf8")}\n# edited\n`);
    expect((await generate({ inputs: [specs], out })).emitted).toBe(1);
  });

  it("repeats the warnings of a reused spec, and --strict still refuses it", async () => {
    const { specs, out } = workspace("unchanged-warnings");
    copyFileSync(SLOPPY, join(specs, "loose-types.yaml"));
    const first = await generate({ inputs: [specs], out });
    expect(first.warnings.length).toBeGreaterThan(0);
    const cache = new FileCache(5_000_000);
    const again = await generate({ inputs: [specs], out, cache });
    expect(again.emitted).toBe(0);
    expect(cache.isParsed(join(specs, "loose-types.yaml"))).toBe(false);
    expect(again.warnings).toEqual(first.warnings);
    await expect(generate({ inputs: [specs], out, strict: true })).rejects.toBeInstanceOf(SpecError);
  });
});
