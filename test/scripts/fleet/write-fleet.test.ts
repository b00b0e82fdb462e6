import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_PROPERTY_NAMES, HOSTILE_TEXTS } from "../../../scripts/fleet/hostile.mjs";
import { tempDir } from "../../generator/support.js";
import { writeFleet } from "../../../scripts/fleet/write-fleet.mjs";

function read(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
}

describe("the OIC-style fleet generator", () => {
  it("writes the same bytes for the same seed, and other bytes for another seed", () => {
    const a = tempDir("fleet-a");
    const b = tempDir("fleet-b");
    const c = tempDir("fleet-c");
    writeFleet({ out: a, count: 15, seed: 4 });
    writeFleet({ out: b, count: 15, seed: 4 });
    writeFleet({ out: c, count: 15, seed: 5 });
    expect(read(a)).toEqual(read(b));
    expect(read(a)).not.toEqual(read(c));
  });

  it("writes Swagger 2.0 and OpenAPI 3.0 documents carrying OIC trigger URLs (gen2, gen3 project, gen1)", () => {
    const out = tempDir("fleet-shapes");
    const { files, integrations, operations } = writeFleet({ out, count: 200, seed: 1 });
    expect(files).toHaveLength(200);
    expect(integrations).toBe(200);
    const docs = files.map(
      (file) =>
        JSON.parse(readFileSync(file, "utf8")) as {
          swagger?: string;
          openapi?: string;
          basePath?: string;
          servers?: { url: string }[];
          paths: Record<string, Record<string, unknown>>;
        },
    );
    const bases = docs.map((doc) => doc.basePath ?? new URL(doc.servers![0]!.url).pathname);
    expect(docs.filter((doc) => doc.swagger === "2.0").length).toBeGreaterThan(40);
    expect(docs.filter((doc) => doc.openapi === "3.0.1").length).toBeGreaterThan(40);
    expect(bases.some((base) => /^\/ic\/api\/integration\/v1\/flows\/rest\/[A-Z_0-9]+\/\d\.0$/.test(base))).toBe(true);
    expect(
      bases.some((base) => /^\/ic\/api\/integration\/v2\/flows\/rest\/project\/[A-Z_]+\/[A-Z_0-9]+\/\d\.0$/.test(base)),
    ).toBe(true);
    expect(bases.some((base) => /^\/integration\/flowapi\/rest\/[A-Z_0-9]+\/v01$/.test(base))).toBe(true);
    expect(
      docs.reduce((sum, doc) => sum + Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0), 0),
    ).toBe(operations);
    const text = files.map((file) => readFileSync(file, "utf8")).join("\n");
    for (const shape of [
      "-request-wrapper",
      "-response-wrapper",
      "application/xml",
      "text/plain",
      '"202"',
      '"default"',
      "errorDetails",
      "X-Correlation-Id",
    ]) {
      expect(text, shape).toContain(shape);
    }
  });

  it("puts every hostile property name and text into a hostile fleet of a few dozen, whatever the seed", () => {
    for (const seed of [1, 2, 3]) {
      const out = tempDir("fleet-hostile");
      const { files } = writeFleet({ out, count: 40, seed, hostile: true });
      const names = new Set<string>();
      const texts: string[] = [];
      const visit = (node: unknown): void => {
        if (typeof node === "string") texts.push(node);
        else if (Array.isArray(node)) node.forEach(visit);
        else if (node && typeof node === "object") {
          for (const [key, value] of Object.entries(node)) {
            if (key === "properties" && value && typeof value === "object")
              for (const name of Object.keys(value)) names.add(name);
            visit(value);
          }
        }
      };
      for (const file of files) visit(JSON.parse(readFileSync(file, "utf8")));
      for (const name of HOSTILE_PROPERTY_NAMES) expect(names.has(name), `seed ${seed}: ${name}`).toBe(true);
      for (const hostile of HOSTILE_TEXTS) expect(texts.includes(hostile), `seed ${seed}: ${hostile}`).toBe(true);
    }
  });
});
