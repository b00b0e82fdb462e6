import CodeBlockWriter from "code-block-writer";
import type {
  CallSignatureDeclarationStructure,
  ConstructSignatureDeclarationStructure,
  ExportAssignmentStructure,
  ExportDeclarationStructure,
  FunctionDeclarationOverloadStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  ImportSpecifierStructure,
  IndexSignatureDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  JSDocTagStructure,
  MethodSignatureStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  TypeParameterDeclarationStructure,
  VariableDeclarationStructure,
  VariableStatementStructure,
  WriterFunction,
} from "ts-morph";
import { STRUCTURE_KIND as KIND } from "./templates.generated.js";

// The text of generated functions and indexes, printed from ts-morph structures (the templates' declarations,
// copied and rewritten by the emitters) exactly as ts-morph's `printStructure` prints them: the same writer
// (code-block-writer, which ts-morph prints with) driven by the same steps, for the statement kinds templates
// use. ts-morph itself bundles a TypeScript compiler: loading it cost every run about 0.4 s, so it is only a
// build-time tool now (see generator/scripts/compile-templates.mjs). A kind this printer does not know throws,
// and test/generator/emit/print-structures.test.ts compares it with ts-morph's printer.

type Text = string | WriterFunction;
type Statement = string | WriterFunction | StatementStructures;
type Trivia = { leadingTrivia?: Text | Text[]; trailingTrivia?: Text | Text[] };

const WRITER_OPTIONS = { indentNumberOfSpaces: 2, useTabs: false, newLine: "\n", useSingleQuote: false } as const;

/** Prints top-level statements like ts-morph's `printStructure` of a source file, two-space indented. */
export function printSourceFile(statements: readonly Statement[]): string {
  const w = new CodeBlockWriter(WRITER_OPTIONS);
  w.closeComment();
  printStatements(w, statements);
  w.conditionalNewLine(!w.isAtStartOfFirstLineOfBlock() && !w.isLastNewLine());
  return w.toString();
}

function unsupported(what: string): never {
  throw new Error(`the template printer does not print ${what}: extend generator/src/emit/print-structures.ts`);
}

const isBlank = (text: string | undefined) => typeof text !== "string" || /^\s*$/.test(text);

function writeText(w: CodeBlockWriter, text: Text | undefined): void {
  if (typeof text === "string") w.write(text);
  else if (text != null) text(w);
}

/** Text printed on a fresh writer (ts-morph measures types, initializers and docs this way before writing). */
function textOf(text: Text | undefined, queuedIndentation = false): string {
  // A string written at indentation 0 comes out as its lines joined with "\n": what a fresh writer would
  // print, without building one per type (a writer costs more to make than most types cost to print).
  if (typeof text === "string" && !queuedIndentation) return text.includes("\r") ? text.replace(/\r\n/g, "\n") : text;
  const w = new CodeBlockWriter(WRITER_OPTIONS);
  if (queuedIndentation) w.queueIndentationLevel(1);
  writeText(w, text);
  return w.toString();
}

/** A declaration with its trivia, after closing any comment the previous text left open. */
function node<T extends Trivia>(w: CodeBlockWriter, structure: T, print: (structure: T) => void): void {
  printLeadingTrivia(w, structure);
  w.closeComment();
  print(structure);
  if (structure.trailingTrivia != null) writeTrivia(w, structure.trailingTrivia);
}

function printLeadingTrivia(w: CodeBlockWriter, structure: Trivia): void {
  if (!structure.leadingTrivia) return;
  writeTrivia(w, structure.leadingTrivia);
  if (w.isInComment()) w.closeComment();
}

function writeTrivia(w: CodeBlockWriter, trivia: Text | Text[]): void {
  if (!Array.isArray(trivia)) {
    writeText(w, trivia);
    return;
  }
  trivia.forEach((text, i) => {
    writeText(w, text);
    if (i !== trivia.length - 1) w.newLineIfLastNot();
  });
}

function lastNonWhitespaceIsCloseBrace(w: CodeBlockWriter): boolean {
  return (
    w.iterateLastCharCodes((code) => {
      if (code === 0x7d) return true;
      return /\s/.test(String.fromCharCode(code)) ? undefined : false;
    }) ?? false
  );
}

function printStatements(w: CodeBlockWriter, statements: readonly Statement[] | string | WriterFunction | undefined) {
  if (statements == null) return;
  if (typeof statements === "string" || typeof statements === "function") {
    printStatement(w, statements);
    return;
  }
  for (const statement of statements) {
    if (lastNonWhitespaceIsCloseBrace(w)) w.blankLineIfLastNot();
    else if (!w.isAtStartOfFirstLineOfBlock()) w.newLineIfLastNot();
    printStatement(w, statement);
  }
}

function printStatement(w: CodeBlockWriter, statement: Statement): void {
  if (typeof statement === "string" || typeof statement === "function") {
    writeText(w, statement);
    return;
  }
  const blankLineBefore = () => {
    if (!w.isAtStartOfFirstLineOfBlock()) w.blankLineIfLastNot();
  };
  switch (statement.kind as number) {
    case KIND.Function:
      blankLineBefore();
      node(w, statement as FunctionDeclarationStructure, (s) => printFunction(w, s));
      break;
    case KIND.Interface:
      blankLineBefore();
      node(w, statement as InterfaceDeclarationStructure, (s) => printInterface(w, s));
      break;
    case KIND.TypeAlias:
      node(w, statement as TypeAliasDeclarationStructure, (s) => {
        printDocs(w, s.docs);
        printModifiers(w, s);
        w.write(`type ${s.name}`);
        printTypeParameters(w, s.typeParameters);
        printTyped(w, s, " =");
        w.write(";");
      });
      break;
    case KIND.VariableStatement:
      node(w, statement as VariableStatementStructure, (s) => printVariableStatement(w, s));
      break;
    case KIND.ImportDeclaration:
      node(w, statement as ImportDeclarationStructure, (s) => printImport(w, s));
      break;
    case KIND.ExportDeclaration:
      node(w, statement as ExportDeclarationStructure, (s) => printExport(w, s));
      break;
    case KIND.ExportAssignment:
      node(w, statement as ExportAssignmentStructure, (s) => {
        printDocs(w, s.docs);
        w.write("export");
        w.write(s.isExportEquals !== false ? " = " : " default ");
        w.write(textOf(s.expression, true)).write(";");
      });
      break;
    default:
      unsupported(`a statement of kind ${statement.kind}`);
  }
}

interface Modifiers {
  isDefaultExport?: boolean;
  isExported?: boolean;
  hasDeclareKeyword?: boolean;
  scope?: string;
  isStatic?: boolean;
  hasOverrideKeyword?: boolean;
  isAbstract?: boolean;
  isAsync?: boolean;
  isReadonly?: boolean;
  hasAccessorKeyword?: boolean;
}

function printModifiers(w: CodeBlockWriter, s: Modifiers): void {
  if (s.isDefaultExport) w.write("export default ");
  else if (s.isExported) w.write("export ");
  if (s.hasDeclareKeyword) w.write("declare ");
  if (s.scope != null) w.write(`${s.scope} `);
  if (s.isStatic) w.write("static ");
  if (s.hasOverrideKeyword) w.write("override ");
  if (s.isAbstract) w.write("abstract ");
  if (s.isAsync) w.write("async ");
  if (s.isReadonly) w.write("readonly ");
  if (s.hasAccessorKeyword) w.write("accessor ");
}

/** `: type` (or `separator type`), with `any` when `always` and no type is given. */
function printTyped(w: CodeBlockWriter, s: { type?: Text }, separator: string, always = false): void {
  if (s.type == null && !always) return;
  const text = textOf(s.type ?? "any");
  if (!isBlank(text)) w.hangingIndent(() => w.write(`${separator} ${text}`));
}

function printReturnType(w: CodeBlockWriter, s: { returnType?: Text }, always = false): void {
  if (s.returnType == null && !always) return;
  const text = textOf(s.returnType ?? "void");
  if (!isBlank(text)) w.hangingIndent(() => w.write(`: ${text}`));
}

function printInitializer(w: CodeBlockWriter, s: { initializer?: Text }): void {
  if (s.initializer == null) return;
  const text = textOf(s.initializer);
  if (!isBlank(text))
    w.hangingIndent(() => {
      w.spaceIfLastNot();
      w.write(`= ${text}`);
    });
}

/**
 * Items separated by `separate`, a comma after each but the last, inserted after the item's text (before any
 * whitespace it ends with) unless it already ends with one.
 */
function commaSeparated<T>(
  w: CodeBlockWriter,
  items: readonly T[] | undefined,
  print: (item: T) => void,
  separate = () => w.spaceIfLastNot(),
): void {
  if (items == null) return;
  const commaAt: (number | false)[] = [];
  items.forEach((item, i) => {
    if (i > 0) separate();
    const start = w.getLength();
    print(item);
    const text = textSince(w, start).trimEnd();
    commaAt.push(text.length === 0 || text.endsWith(",") ? false : start + text.length);
  });
  let last = true;
  for (let i = commaAt.length - 1; i >= 0; i--) {
    const at = commaAt[i];
    if (at === false || at === undefined) continue;
    if (last) last = false;
    else w.unsafeInsert(at, ",");
  }
}

/** What was written since `start` (without joining the whole text, which can be large). */
function textSince(w: CodeBlockWriter, start: number): string {
  const chars: string[] = [];
  w.iterateLastChars((char, index) => {
    if (index < start) return true;
    chars.push(char);
    return undefined;
  });
  return chars.reverse().join("");
}

function printTypeParameters(
  w: CodeBlockWriter,
  parameters: readonly (string | OptionalKind<TypeParameterDeclarationStructure>)[] | undefined,
): void {
  if (parameters == null || parameters.length === 0) return;
  w.write("<");
  commaSeparated(w, parameters, (p) =>
    node(w, typeof p === "string" ? {} : p, () => {
      if (typeof p === "string") return w.write(p);
      w.hangingIndent(() => {
        if (p.isConst) w.write("const ");
        if (p.variance != null) {
          if ((p.variance & 1) !== 0) w.write("in ");
          if ((p.variance & 2) !== 0) w.write("out ");
        }
        w.write(p.name);
        if (p.constraint != null) {
          const constraint = textOf(p.constraint);
          if (!isBlank(constraint)) w.write(` extends ${constraint}`);
        }
        if (p.default != null) {
          const fallback = textOf(p.default);
          if (!isBlank(fallback)) w.write(` = ${fallback}`);
        }
      });
    }),
  );
  w.write(">");
}

function printParameters(w: CodeBlockWriter, parameters: readonly OptionalKind<ParameterDeclarationStructure>[] = []) {
  w.write("(");
  if (parameters.length > 0)
    w.hangingIndent(() =>
      commaSeparated(w, parameters, (p) =>
        node(w, p, () => {
          if (p.name == null) unsupported("a parameter without a name");
          if (p.decorators && p.decorators.length > 0) unsupported("decorators");
          printModifiers(w, p);
          w.conditionalWrite(p.isRestParameter, "...");
          w.write(p.name);
          w.conditionalWrite(p.hasQuestionToken, "?");
          printTyped(w, p, ":", p.hasQuestionToken);
          printInitializer(w, p);
        }),
      ),
    );
  w.write(")");
}

function printDocs(w: CodeBlockWriter, docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined): void {
  for (const doc of docs ?? []) {
    node(w, typeof doc === "string" ? {} : doc, () => printDoc(w, doc));
    w.newLine();
  }
}

function printDoc(w: CodeBlockWriter, doc: string | OptionalKind<JSDocStructure>): void {
  let text: string;
  if (typeof doc === "string") text = doc;
  else {
    const inner = new CodeBlockWriter(WRITER_OPTIONS);
    if (doc.description) writeTextOrLines(inner, doc.description);
    if (doc.tags && doc.tags.length > 0) {
      if (inner.getLength() > 0) inner.newLine();
      printTags(inner, doc.tags);
    }
    text = inner.toString();
  }
  const lines = text.split(/\r?\n/);
  const start = lines[0]!.length === 0 ? 1 : 0;
  w.write("/**");
  if (lines.length <= 1) {
    w.space();
    w.write(lines[start]!);
  } else {
    w.newLine();
    for (let i = start; i < lines.length; i++) {
      w.write(" *");
      if (lines[i]!.length > 0) w.write(` ${lines[i]}`);
      w.newLine();
    }
  }
  w.spaceIfLastNot();
  w.write("*/");
}

function writeTextOrLines(w: CodeBlockWriter, text: Text | readonly Text[]): void {
  if (typeof text === "string" || typeof text === "function") {
    writeText(w, text);
    return;
  }
  text.forEach((part, i) => {
    if (i > 0) w.newLineIfLastNot();
    writeTextOrLines(w, part);
  });
}

function printTags(w: CodeBlockWriter, tags: readonly OptionalKind<JSDocTagStructure>[]): void {
  tags.forEach((tag, i) => {
    if (i > 0) w.newLine();
    node(w, tag, () => {
      const inner = new CodeBlockWriter(WRITER_OPTIONS);
      if (tag.text) writeTextOrLines(inner, tag.text);
      const current = inner.toString();
      inner.unsafeInsert(0, `@${tag.tagName}${current.length > 0 && !/^\r?\n/.test(current) ? " " : ""}`);
      inner
        .toString()
        .split(/\r?\n/)
        .forEach((line, j) => {
          if (j > 0) w.newLine();
          if (line.length > 0) w.write(line);
        });
    });
  });
}

function printInterface(w: CodeBlockWriter, s: OptionalKind<InterfaceDeclarationStructure>): void {
  printDocs(w, s.docs);
  printModifiers(w, s);
  w.write(`interface ${s.name}`);
  printTypeParameters(w, s.typeParameters);
  w.space();
  if (s.extends != null) {
    const text = Array.isArray(s.extends)
      ? s.extends.map((item) => textOf(item)).join(", ")
      : textOf(s.extends as Text);
    if (!isBlank(text)) w.hangingIndent(() => w.write(`extends ${text} `));
  }
  w.inlineBlock(() => {
    if ((s.getAccessors?.length ?? 0) > 0 || (s.setAccessors?.length ?? 0) > 0) unsupported("accessors in interfaces");
    const separator = (members: readonly unknown[] | undefined) => {
      if (members && members.length > 0 && !w.isAtStartOfFirstLineOfBlock()) w.newLine();
    };
    eachOnNewLine(w, s.callSignatures, (m) => printCallSignature(w, m));
    separator(s.constructSignatures);
    eachOnNewLine(w, s.constructSignatures, (m) => printConstructSignature(w, m));
    separator(s.indexSignatures);
    eachOnNewLine(w, s.indexSignatures, (m) => printIndexSignature(w, m));
    separator(s.properties);
    eachOnNewLine(w, s.properties, (m) => printPropertySignature(w, m));
    separator(s.methods);
    eachOnNewLine(w, s.methods, (m) => printMethodSignature(w, m));
  });
}

function eachOnNewLine<T extends Trivia>(
  w: CodeBlockWriter,
  items: readonly T[] | undefined,
  print: (item: T) => void,
) {
  items?.forEach((item, i) => {
    w.conditionalNewLine(i > 0);
    node(w, item, print);
  });
}

function printCallSignature(w: CodeBlockWriter, s: OptionalKind<CallSignatureDeclarationStructure>): void {
  printDocs(w, s.docs);
  printTypeParameters(w, s.typeParameters);
  printParameters(w, s.parameters);
  printReturnType(w, s, true);
  w.write(";");
}

function printConstructSignature(w: CodeBlockWriter, s: OptionalKind<ConstructSignatureDeclarationStructure>): void {
  printDocs(w, s.docs);
  w.write("new");
  printTypeParameters(w, s.typeParameters);
  printParameters(w, s.parameters);
  printReturnType(w, s);
  w.write(";");
}

function printIndexSignature(w: CodeBlockWriter, s: OptionalKind<IndexSignatureDeclarationStructure>): void {
  printDocs(w, s.docs);
  printModifiers(w, s);
  w.write(`[${s.keyName || "key"}: ${s.keyType || "string"}]`);
  printReturnType(w, s);
  w.write(";");
}

function printPropertySignature(w: CodeBlockWriter, s: OptionalKind<PropertySignatureStructure>): void {
  printDocs(w, s.docs);
  printModifiers(w, s);
  w.write(s.name);
  w.conditionalWrite(s.hasQuestionToken, "?");
  printTyped(w, s, ":");
  printInitializer(w, s);
  w.write(";");
}

function printMethodSignature(w: CodeBlockWriter, s: OptionalKind<MethodSignatureStructure>): void {
  printDocs(w, s.docs);
  w.write(s.name);
  w.conditionalWrite(s.hasQuestionToken, "?");
  printTypeParameters(w, s.typeParameters);
  printParameters(w, s.parameters);
  printReturnType(w, s);
  w.write(";");
}

function printVariableStatement(w: CodeBlockWriter, s: OptionalKind<VariableStatementStructure>): void {
  printDocs(w, s.docs);
  w.hangingIndent(() => {
    printModifiers(w, s);
    w.write(`${s.declarationKind || "let"} `);
    if (s.declarations.length === 0)
      throw new Error("You must provide at least one declaration when inserting a variable statement.");
    commaSeparated(w, s.declarations, (d: OptionalKind<VariableDeclarationStructure>) =>
      node(w, d, () => {
        w.write(d.name);
        w.conditionalWrite(d.hasExclamationToken, "!");
        printTyped(w, d, ":");
        printInitializer(w, d);
      }),
    );
    w.write(";");
  });
}

function printFunction(w: CodeBlockWriter, s: OptionalKind<FunctionDeclarationStructure>): void {
  for (const overload of s.overloads ?? []) {
    const withDefaults: OptionalKind<FunctionDeclarationOverloadStructure> = {
      ...overload,
      hasDeclareKeyword: overload.hasDeclareKeyword ?? s.hasDeclareKeyword,
      isExported: overload.isExported ?? s.isExported,
      isDefaultExport: overload.isDefaultExport ?? s.isDefaultExport,
    };
    printLeadingTrivia(w, withDefaults);
    printFunctionHeader(w, s.name, withDefaults);
    w.write(";");
    if (withDefaults.trailingTrivia != null) writeTrivia(w, withDefaults.trailingTrivia);
    w.newLine();
  }
  printFunctionHeader(w, s.name, s);
  if (s.hasDeclareKeyword) w.write(";");
  else w.space().inlineBlock(() => printStatements(w, s.statements as readonly Statement[] | undefined));
}

function printFunctionHeader(
  w: CodeBlockWriter,
  name: string | undefined,
  s: Omit<OptionalKind<FunctionDeclarationOverloadStructure>, "kind"> & { isGenerator?: boolean },
): void {
  printDocs(w, s.docs);
  printModifiers(w, s);
  w.write("function");
  w.conditionalWrite(s.isGenerator, "*");
  if (!isBlank(name)) w.write(` ${name}`);
  printTypeParameters(w, s.typeParameters);
  printParameters(w, s.parameters);
  printReturnType(w, s);
}

function printImport(w: CodeBlockWriter, s: OptionalKind<ImportDeclarationStructure>): void {
  const named = Array.isArray(s.namedImports) && s.namedImports.length > 0;
  if (typeof s.namedImports === "string" || typeof s.namedImports === "function") unsupported("named imports as text");
  if (named && s.namespaceImport != null)
    throw new Error("An import declaration cannot have both a namespace import and a named import.");
  if (s.attributes) unsupported("import attributes");
  w.write("import");
  if (s.isTypeOnly) w.write(" type");
  if (s.defaultImport != null) {
    w.write(` ${s.defaultImport}`);
    w.conditionalWrite(named || s.namespaceImport != null, ",");
  }
  if (s.namespaceImport != null) w.write(` * as ${s.namespaceImport}`);
  if (named) {
    w.space();
    printSpecifiers(w, s.namedImports as readonly (string | OptionalKind<ImportSpecifierStructure>)[]);
  }
  w.conditionalWrite(s.defaultImport != null || named || s.namespaceImport != null, " from");
  w.write(" ");
  w.quote(s.moduleSpecifier);
  w.write(";");
}

function printExport(w: CodeBlockWriter, s: OptionalKind<ExportDeclarationStructure>): void {
  if (typeof s.namedExports === "string" || typeof s.namedExports === "function") unsupported("named exports as text");
  const hasModule = s.moduleSpecifier != null && s.moduleSpecifier.length > 0;
  const named = s.namedExports != null && s.namedExports.length > 0;
  if (named && s.namespaceExport != null)
    throw new Error("An export declaration cannot have both a namespace export and a named export.");
  if (s.attributes) unsupported("export attributes");
  w.write("export");
  if (s.isTypeOnly) w.write(" type");
  if (named) {
    w.space();
    printSpecifiers(w, s.namedExports as readonly (string | OptionalKind<ImportSpecifierStructure>)[]);
  } else if (s.namespaceExport != null) {
    w.write(" *");
    if (!isBlank(s.namespaceExport)) w.write(` as ${s.namespaceExport}`);
  } else if (!hasModule) w.write(" { }");
  else w.write(" *");
  if (hasModule) {
    w.write(" from ");
    w.quote(s.moduleSpecifier!);
  }
  w.write(";");
}

/** `{ a, type B, c as d }`. */
function printSpecifiers(w: CodeBlockWriter, specifiers: readonly (string | OptionalKind<ImportSpecifierStructure>)[]) {
  w.write("{");
  const inner = new CodeBlockWriter(WRITER_OPTIONS);
  commaSeparated(inner, specifiers, (specifier) =>
    node(inner, typeof specifier === "string" ? {} : specifier, () => {
      const text = new CodeBlockWriter(WRITER_OPTIONS);
      text.queueIndentationLevel(1);
      if (typeof specifier === "string") text.write(specifier);
      else {
        if (specifier.isTypeOnly) inner.write("type ");
        text.write(specifier.name);
        if (!isBlank(specifier.alias)) {
          if (!text.isLastNewLine()) text.space();
          text.write(`as ${specifier.alias}`);
        }
      }
      inner.write(text.toString());
    }),
  );
  const text = inner.toString();
  if (!/^\r?\n/.test(text)) w.space();
  w.write(text);
  if (!text.endsWith("\n")) w.space();
  w.write("}");
}
