import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type TsMorph = typeof import("ts-morph");
export type TemplateFile = import("ts-morph").SourceFile;

/**
 * `templates/`: inside the package when published (`prepack` copies it there), else at the repository root
 * next to `generator/` (resolved the same from `src/` and `dist/`).
 */
export const TEMPLATES_DIR = [
  new URL("../../templates/", import.meta.url),
  new URL("../../../templates/", import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(`${dir}index.ts`))!;

let project: Promise<{ morph: TsMorph; project: import("ts-morph").Project }> | undefined;

/** One in-memory ts-morph project per process; ts-morph is loaded only when something must be emitted. */
export function templateProject() {
  return (project ??= (async () => {
    const morph = await import("ts-morph");
    const created = new morph.Project({
      useInMemoryFileSystem: true,
      skipLoadingLibFiles: true,
      manipulationSettings: {
        indentationText: morph.IndentationText.TwoSpaces,
        quoteKind: morph.QuoteKind.Double,
        useTrailingCommas: true,
      },
    });
    return { morph, project: created };
  })());
}

/** Parses a template file into the in-memory project (once). */
export async function loadTemplate(relativePath: string): Promise<TemplateFile> {
  const { project } = await templateProject();
  const path = `/templates/${relativePath}`;
  return (
    project.getSourceFile(path) ?? project.createSourceFile(path, readFileSync(TEMPLATES_DIR + relativePath, "utf8"))
  );
}

/** Prints statements with ts-morph's structure printer (no re-parse of the printed text). */
export async function printStatements(
  statements: import("ts-morph").SourceFileStructure["statements"],
): Promise<string> {
  const { morph } = await templateProject();
  return morph.printStructure({ kind: morph.StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
}
