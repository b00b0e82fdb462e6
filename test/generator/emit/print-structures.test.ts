import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { Project, printStructure, type StatementStructures, StructureKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { printSourceFile } from "../../../generator/src/emit/print-structures.js";
import { TEMPLATE_STATEMENTS } from "../../../generator/src/emit/templates.generated.js";

const ROOT = join(import.meta.dirname, "../../..");
const TEMPLATES = join(ROOT, "templates");

// The generator prints its functions and index without ts-morph; ts-morph's own printer is the reference.
const reference = (statements: readonly (string | StatementStructures)[]) =>
  printStructure({ kind: StructureKind.SourceFile, statements: [...statements] }, { indentNumberOfSpaces: 2 });

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(path);
    return entry.name.endsWith(".ts") ? [relative(TEMPLATES, path)] : [];
  });
}

describe("templates compiled at build time", () => {
  it("are current with templates/ (else: npm run build)", () => {
    const result = spawnSync(process.execPath, [join(ROOT, "generator/scripts/compile-templates.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
  });

  it("hold every template file's declarations as ts-morph reads them", () => {
    const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
    for (const name of templateFiles(TEMPLATES)) {
      const file = project.createSourceFile(name, readFileSync(join(TEMPLATES, name), "utf8"));
      const declarations = file.getStatements().flatMap((statement) => ("getStructure" in statement ? [1] : []));
      expect(TEMPLATE_STATEMENTS[name]?.length, name).toBe(declarations.length);
    }
  });

  it.each(Object.keys(TEMPLATE_STATEMENTS))("%s prints as ts-morph prints it", (name) => {
    const statements = TEMPLATE_STATEMENTS[name]!;
    expect(printSourceFile(statements)).toBe(reference(statements));
  });
});

// Text from specs reaches docs and types: quotes, backticks, comment markers, braces and new lines included.
const tricky = fc.string({
  unit: fc.constantFrom(
    "a",
    "Z",
    "0",
    " ",
    "\n",
    '"',
    "'",
    "`",
    "/",
    "*",
    "{",
    "}",
    "$",
    "\\",
    ",",
    "<",
    ">",
    "@",
    "|",
  ),
  maxLength: 24,
});
const identifier = fc.stringMatching(/^[a-zA-Z_$][\w$]{0,8}$/);
// Types and initializers as the emitters build them: tokens and escaped string literals, no comments (an item
// ending in a comment would take its comma elsewhere: see commaSeparated in the printer).
const typeText = fc
  .array(
    fc.oneof(
      identifier,
      tricky.map((text) => JSON.stringify(text)),
      fc.constantFrom("[", "]", "<", ">", " | ", "{ ", " }", "\n", "\r\n"),
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((parts) => parts.join(""));
const docs = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant(StructureKind.JSDoc),
      description: tricky,
      tags: fc.array(fc.record({ kind: fc.constant(StructureKind.JSDocTag), tagName: identifier, text: tricky }), {
        maxLength: 2,
      }),
    }),
    tricky.map((text) => text.replaceAll("*/", "")),
  ),
  { maxLength: 2 },
);
const parameters = fc.array(
  fc.record(
    {
      kind: fc.constant(StructureKind.Parameter),
      name: identifier,
      type: typeText,
      hasQuestionToken: fc.boolean(),
      initializer: typeText,
    },
    { requiredKeys: ["kind", "name"] },
  ),
  { maxLength: 3 },
);
const statement: fc.Arbitrary<string | StatementStructures> = fc.oneof(
  tricky.map((text) => `// ${text.replaceAll("\n", " ")}`),
  fc.record({
    kind: fc.constant(StructureKind.TypeAlias),
    name: identifier,
    isExported: fc.boolean(),
    docs,
    type: typeText,
  }),
  fc.record({
    kind: fc.constant(StructureKind.Interface),
    name: identifier,
    isExported: fc.boolean(),
    docs,
    extends: fc.array(identifier, { maxLength: 2 }),
    properties: fc.array(
      fc.record({
        kind: fc.constant(StructureKind.PropertySignature),
        name: identifier,
        type: typeText,
        hasQuestionToken: fc.boolean(),
        isReadonly: fc.boolean(),
        docs,
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({
    kind: fc.constant(StructureKind.VariableStatement),
    declarationKind: fc.constantFrom("const", "let") as fc.Arbitrary<never>,
    isExported: fc.boolean(),
    docs,
    declarations: fc.array(
      fc.record(
        {
          kind: fc.constant(StructureKind.VariableDeclaration),
          name: identifier,
          type: typeText,
          initializer: typeText,
        },
        { requiredKeys: ["kind", "name"] },
      ),
      { minLength: 1, maxLength: 2 },
    ),
  }),
  fc.record({
    kind: fc.constant(StructureKind.Function),
    name: identifier,
    isExported: fc.boolean(),
    isAsync: fc.boolean(),
    docs,
    parameters,
    returnType: typeText,
    statements: fc.array(
      tricky.map((text) => `return ${JSON.stringify(text)};`),
      { maxLength: 2 },
    ),
    overloads: fc.array(
      fc.record({ kind: fc.constant(StructureKind.FunctionOverload), docs, parameters, returnType: typeText }),
      { maxLength: 2 },
    ),
  }),
  fc.record({
    kind: fc.constant(StructureKind.ImportDeclaration),
    isTypeOnly: fc.boolean(),
    moduleSpecifier: tricky,
    namedImports: fc.array(
      fc.record({ kind: fc.constant(StructureKind.ImportSpecifier), name: identifier, isTypeOnly: fc.boolean() }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({
    kind: fc.constant(StructureKind.ExportDeclaration),
    namespaceExport: identifier,
    moduleSpecifier: tricky,
  }),
) as fc.Arbitrary<string | StatementStructures>;

describe("the template printer", () => {
  it("prints any mix of the statement kinds templates use exactly as ts-morph does", () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 6 }), (statements) => {
        expect(printSourceFile(statements)).toBe(reference(statements));
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a kind it does not print instead of printing it wrongly", () => {
    expect(() => printSourceFile([{ kind: StructureKind.Class, name: "A" }])).toThrow(/does not print/);
  });
});
