import type { SourceFileStructure, StatementStructures, StructureKind } from "ts-morph";
import { printSourceFile } from "./print-structures.js";
import { STRUCTURE_KIND as KIND, TEMPLATE_STATEMENTS } from "./templates.generated.js";

/** A declaration of a template, as ts-morph's `getStructure()` gave it when the generator was built. */
interface TemplateDeclaration<T> {
  /** A fresh copy: emitters rewrite what they take. */
  getStructure(): T;
}

type KindName = keyof typeof StructureKind;
type Of<N extends KindName> = Extract<StatementStructures, { kind: (typeof StructureKind)[N] }>;
type Named = { name?: string; declarations?: readonly { name: string }[] };

/**
 * One file of `templates/`, read when the generator was built (generator/scripts/compile-templates.mjs). It
 * answers the questions the emitters ask, with ts-morph's names, without loading ts-morph.
 */
export class TemplateFile {
  constructor(
    readonly path: string,
    private readonly statements: readonly StatementStructures[],
  ) {}

  private all<N extends KindName>(kind: N): TemplateDeclaration<Of<N>>[] {
    return this.statements
      .filter((statement) => statement.kind === KIND[kind])
      .map((statement) => ({ getStructure: () => structuredClone(statement) as Of<N> }));
  }

  private named<N extends KindName>(kind: N, name: string): TemplateDeclaration<Of<N>> {
    const found = this.statements.find(
      (statement) =>
        statement.kind === KIND[kind] &&
        ((statement as Named).name === name ||
          (statement as Named).declarations?.some((declaration) => declaration.name === name)),
    );
    if (!found) throw new Error(`templates/${this.path} has no ${kind} named ${name}`);
    return { getStructure: () => structuredClone(found) as Of<N> };
  }

  getImportDeclarations() {
    return this.all("ImportDeclaration");
  }
  getExportDeclarations() {
    return this.all("ExportDeclaration");
  }
  getTypeAliasOrThrow(name: string) {
    return this.named("TypeAlias", name);
  }
  getInterfaceOrThrow(name: string) {
    return this.named("Interface", name);
  }
  getFunctionOrThrow(name: string) {
    return this.named("Function", name);
  }
  getVariableStatementOrThrow(name: string) {
    return this.named("VariableStatement", name);
  }
}

const files = new Map<string, TemplateFile>();

/** A template file by its path under `templates/` (kept async: callers need not know how it is read). */
export async function loadTemplate(relativePath: string): Promise<TemplateFile> {
  let file = files.get(relativePath);
  if (!file) {
    const statements = TEMPLATE_STATEMENTS[relativePath];
    if (!statements) throw new Error(`no template ${relativePath} (templates/ is compiled by npm run build)`);
    files.set(relativePath, (file = new TemplateFile(relativePath, statements)));
  }
  return file;
}

/** Prints statements as ts-morph's structure printer does, two-space indented (see print-structures.ts). */
export async function printStatements(statements: SourceFileStructure["statements"]): Promise<string> {
  return printSourceFile(
    typeof statements === "string" || typeof statements === "function" ? [statements] : (statements ?? []),
  );
}
