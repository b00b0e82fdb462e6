import { pointerOf, type SpecProblem } from "../errors.js";
import { copyObject, isObject, own, parsePointer, setOwn, type JsonObject } from "./json-walk.js";
import { SCHEMA_LISTS } from "./schema-keywords.js";

// Where a schema's type is its sub-schema's type, not a member of a new object type: TypeScript resolves these
// eagerly, so a loop through them alone is "referenced directly or indirectly in its own type annotation".
// Every list keyword, and of the single ones only these (the others print inside an object type).
const SINGLE_KEYS = ["items", "not"];

type Path = (string | number)[];

/**
 * Component schemas that are their own element or member with no object in between (`A = A[]`, `A = B[]` and
 * `B = A[]`, `N = M | string` and `M = N | number`): openapi-typescript prints them as types that refer to
 * themselves through an indexed access, which TypeScript refuses (TS2502). The `$ref` that closes each loop
 * becomes "any value" (`unknown`), reported as a warning at its place in the prepared document. Copies what
 * it changes.
 */
export function breakTypeCycles(doc: JsonObject, file: string): { document: JsonObject; warnings: SpecProblem[] } {
  const components = own(doc, "components");
  const schemas = isObject(components) ? own(components, "schemas") : undefined;
  if (!isObject(schemas)) return { document: doc, warnings: [] };
  const edges = new Map<string, { target: string; at: Path }[]>();
  for (const name of Object.keys(schemas)) {
    const found: { target: string; at: Path }[] = [];
    transparentRefs(schemas[name], [], found, 0);
    edges.set(name, found);
  }
  // Depth-first search; an edge to a schema still on the stack closes a loop.
  const state = new Map<string, "open" | "done">();
  const closing: { from: string; at: Path; target: string }[] = [];
  const visit = (name: string) => {
    state.set(name, "open");
    for (const edge of edges.get(name) ?? []) {
      const seen = state.get(edge.target);
      if (seen === "open") closing.push({ from: name, ...edge });
      else if (seen === undefined && edges.has(edge.target)) visit(edge.target);
    }
    state.set(name, "done");
  };
  for (const name of edges.keys()) if (!state.has(name)) visit(name);
  if (closing.length === 0) return { document: doc, warnings: [] };

  const newSchemas = copyObject(schemas);
  const warnings: SpecProblem[] = [];
  for (const { from, at, target } of closing) {
    setOwn(newSchemas, from, replaceAt(newSchemas[from], at, {}));
    warnings.push({
      file,
      pointer: pointerOf(["components", "schemas", from, ...at]),
      message: `schema ${JSON.stringify(from)} contains itself through ${JSON.stringify(target)} with no object in between (TypeScript cannot name that type): typed as unknown here`,
      severity: "warning",
    });
  }
  const newComponents = copyObject(components as JsonObject);
  setOwn(newComponents, "schemas", newSchemas);
  const document = copyObject(doc);
  setOwn(document, "components", newComponents);
  return { document, warnings };
}

function transparentRefs(schema: unknown, at: Path, found: { target: string; at: Path }[], depth: number): void {
  if (!isObject(schema) || depth > 64) return;
  const ref = own(schema, "$ref");
  if (typeof ref === "string") {
    const tokens = parsePointer(ref);
    if (tokens?.length === 3 && tokens[0] === "components" && tokens[1] === "schemas")
      found.push({ target: tokens[2]!, at });
    return;
  }
  for (const key of SCHEMA_LISTS) {
    const list = own(schema, key);
    if (Array.isArray(list))
      for (const [i, item] of list.entries()) transparentRefs(item, [...at, key, i], found, depth + 1);
  }
  for (const key of SINGLE_KEYS) {
    const single = own(schema, key);
    if (Array.isArray(single))
      for (const [i, item] of single.entries()) transparentRefs(item, [...at, key, i], found, depth + 1);
    else transparentRefs(single, [...at, key], found, depth + 1);
  }
}

function replaceAt(node: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[head as number] = replaceAt(node[head as number], rest, value);
    return copy;
  }
  const copy = copyObject(node as JsonObject);
  setOwn(copy, head as string, replaceAt((node as JsonObject)[head as string], rest, value));
  return copy;
}
