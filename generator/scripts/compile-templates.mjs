#!/usr/bin/env node
// Build step of the generator (run by `npm run build` before `tsc -b`): reads every file of `templates/` with
// ts-morph and writes their declarations, as ts-morph structures, into src/emit/templates.generated.ts. The
// generator then copies and prints those structures without loading ts-morph (and the TypeScript compiler
// bundled inside it) on every run: ts-morph is a build-time tool only. Files are read generically, so edits
// to the templates flow through on the next build; the file is rewritten only when its text changes (so
// `tsc -b` stays incremental).
//   node generator/scripts/compile-templates.mjs [--check]   (--check: exit 1 when the file is out of date)
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { IndentationText, Project, QuoteKind, StructureKind } from "ts-morph";

const ROOT = resolve(import.meta.dirname, "../..");
const TEMPLATES = join(ROOT, "templates");
const OUT = join(ROOT, "generator/src/emit/templates.generated.ts");
const FINGERPRINT_OUT = join(ROOT, "generator/src/templates-fingerprint.generated.ts");

function templateFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return templateFiles(path);
      return entry.isFile() && entry.name.endsWith(".ts") ? [path] : [];
    })
    .sort();
}

const project = new Project({
  useInMemoryFileSystem: true,
  skipLoadingLibFiles: true,
  manipulationSettings: {
    indentationText: IndentationText.TwoSpaces,
    quoteKind: QuoteKind.Double,
    useTrailingCommas: true,
  },
});
const files = {};
for (const path of templateFiles(TEMPLATES)) {
  const name = relative(TEMPLATES, path).replaceAll("\\", "/");
  const file = project.createSourceFile(`/templates/${name}`, readFileSync(path, "utf8"));
  files[name] = file.getStatements().flatMap((statement) => {
    // Comments between declarations are for readers of the template; the emitter copies declarations only.
    if (!("getStructure" in statement)) return [];
    return [statement.getStructure()];
  });
}
// The kinds by name, so the printer needs no runtime import of ts-morph to tell them apart.
const kinds = Object.fromEntries(Object.entries(StructureKind).filter(([name]) => Number.isNaN(Number(name))));

const text = `// Generated from templates/ by generator/scripts/compile-templates.mjs (npm run build). Do not edit.
import type { StatementStructures, StructureKind } from "ts-morph";

/** ts-morph's structure kinds by name, as when this file was generated. */
export const STRUCTURE_KIND = ${JSON.stringify(kinds)} as unknown as typeof StructureKind;

/** Every template file (path under templates/) → its declarations, as ts-morph's \`getStructure()\` gave them. */
export const TEMPLATE_STATEMENTS: Readonly<Record<string, readonly StatementStructures[]>> = JSON.parse(${JSON.stringify(JSON.stringify(files))});
`;

// A short fingerprint of the templates, in a module of its own (a re-run with nothing to emit loads it, not
// the templates): the manifest records it, so output printed from other templates is never reused.
const fingerprint = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 12);
const fingerprintText = `// Generated from templates/ by generator/scripts/compile-templates.mjs (npm run build). Do not edit.
/** A hash of the templates this generator was built with (see version.ts). */
export const TEMPLATES_FINGERPRINT = "${fingerprint}";
`;

for (const [path, content] of [
  [OUT, text],
  [FINGERPRINT_OUT, fingerprintText],
]) {
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (process.argv.includes("--check")) {
    if (current !== content) {
      console.error(`${relative(process.cwd(), path)} is out of date with templates/: run npm run build`);
      process.exit(1);
    }
  } else if (current !== content) writeFileSync(path, content);
}
