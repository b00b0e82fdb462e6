import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fleet, runHere, tempDir, tsFiles, typecheck } from "./support.js";

describe("the hostile fleet (100 specs, seed 3)", () => {
  let out: string;
  beforeAll(async () => {
    const input = fleet(100, 3, { hostile: true, prefix: "hostile-fleet" });
    out = join(tempDir("hostile-out"), "oic");
    const result = await runHere([input, "--out", out]);
    expect(result.status, result.output).toBe(0);
  }, 300_000);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("compiles under --strict", () => {
    expect(typecheck(tsFiles(out), "NodeNext")).toBe("");
  }, 300_000);

  it("runs nothing from a spec when imported and its catalogue enumerated", async () => {
    const log = vi.spyOn(console, "log");
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    const index = (await import(join(out, "index.ts"))) as {
      catalogue: { module: string; title: string; operations: { name: string }[] }[];
    } & Record<string, Record<string, unknown>>;
    let operations = 0;
    for (const entry of index.catalogue) {
      for (const op of entry.operations) {
        expect(typeof index[entry.module]![op.name]).toBe("function");
        operations++;
      }
    }
    expect(operations).toBeGreaterThan(200);
    expect(index.catalogue.some((entry) => entry.title.includes("console.log('pwned')"))).toBe(true);
    expect(log).not.toHaveBeenCalled();
    expect(Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name))).toEqual([]);
  });

  it("keeps texts as text: spec strings appear only inside comments and string literals", () => {
    const violations: string[] = [];
    for (const file of tsFiles(out)) {
      const scanner = ts.createScanner(
        ts.ScriptTarget.Latest,
        true,
        ts.LanguageVariant.Standard,
        readFileSync(file, "utf8"),
      );
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        // The emitter never writes template literals, and no spec text may become code.
        if (token === ts.SyntaxKind.NoSubstitutionTemplateLiteral || token === ts.SyntaxKind.TemplateHead)
          violations.push(`${file}: template literal`);
        if (token === ts.SyntaxKind.Identifier && ["console", "pwned", "injection"].includes(scanner.getTokenValue()))
          violations.push(`${file}: ${scanner.getTokenValue()}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps the wire spelling of hostile property names in the types", () => {
    const names = new Set<string>();
    for (const file of tsFiles(out).filter((name) => name.endsWith("types.ts"))) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
      const visit = (node: ts.Node): void => {
        if (ts.isPropertySignature(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)))
          names.add(node.name.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    for (const name of [
      "__proto__",
      "with space",
      "with-dash",
      "1stLine",
      "näme",
      "$ref",
      "constructor",
      "then",
      "default",
    ]) {
      expect(names.has(name), name).toBe(true);
    }
  });
});
