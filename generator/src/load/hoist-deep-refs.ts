import { pointerToken } from "../errors.js";
import { copyObject, isObject, parsePointer, resolvePointer, setOwn, type JsonObject } from "./json-walk.js";

type Kind = "schemas" | "parameters" | "responses" | "requestBodies" | "headers";

/**
 * `$ref`s that point inside something (`#/components/schemas/Foo/properties/bar`, `.../definitions/x`, or into
 * `paths`): openapi-typescript prints them as indexed-access types (`components["schemas"]["Foo"]["definitions"]`)
 * that do not type-check. Each such target is hoisted once into `components` under a new name, and every
 * reference to it points there: the document grows by at most one copy of each target (not one per
 * reference, which is how 200 references into one wide schema became 80 MB of types), and a target that refers
 * to itself stays recursive. References whose position has no component kind (a whole `properties` map, a path
 * item) are inlined instead, within a budget. The document is copied where it changes, never mutated.
 */
export function hoistDeepRefs(doc: JsonObject): JsonObject {
  const uses = new Map<string, Kind | "inline">();
  collect(doc, undefined, undefined, false, uses);
  if (uses.size === 0) return doc;

  const components = isObject(doc.components) ? doc.components : {};
  const names = new Map<string, string>();
  const notObjectTargets = new Set<string>();
  const taken = new Map<Kind, Set<string>>();
  for (const [key, kind] of [...uses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (kind === "inline") continue;
    const tokens = parsePointer(key.slice(key.indexOf("|") + 1));
    // Only what can be a component is hoisted; a schema that refers to a string or number (inside an
    // extension, say) becomes "any value" (see `rewrite`).
    if (!tokens) continue;
    const target = resolvePointer(doc, tokens);
    if (!isObject(target)) {
      if (target !== undefined && typeof target !== "boolean") notObjectTargets.add(key.slice(key.indexOf("|") + 1));
      continue;
    }
    const existing = (taken.get(kind) ??
      taken
        .set(kind, new Set(Object.keys(isObject(components[kind]) ? (components[kind] as JsonObject) : {})))
        .get(kind))!;
    const base = hoistedName(tokens);
    let name = base;
    for (let n = 2; existing.has(name); n++) name = `${base}${n}`;
    existing.add(name);
    names.set(key, name);
  }

  const rewritten = rewrite(doc, undefined, undefined, false, names, notObjectTargets) as JsonObject;
  // The hoisted copies are taken from the rewritten document, so references inside them point at hoisted names too.
  let budget = MAX_INLINED_NODES;
  const inlined = [...uses.values()].includes("inline")
    ? (inline(rewritten, rewritten, [], () => {
        if (--budget < 0)
          throw new Error(
            `inlining $refs would copy more than ${MAX_INLINED_NODES.toLocaleString("en")} nodes; refer to components instead`,
          );
      }) as JsonObject)
    : rewritten;
  const newComponents = copyObject(isObject(inlined.components) ? inlined.components : {});
  for (const [key, name] of names) {
    const kind = key.slice(0, key.indexOf("|")) as Kind;
    const target = resolvePointer(inlined, parsePointer(key.slice(key.indexOf("|") + 1))!);
    const group = copyObject(isObject(newComponents[kind]) ? (newComponents[kind] as JsonObject) : {});
    setOwn(group, name, target);
    setOwn(newComponents, kind, group);
  }
  const result = copyObject(inlined);
  setOwn(result, "components", newComponents);
  return result;
}

const MAX_INLINED_NODES = 1_000_000;
// Pointer steps that only say where a schema sits; a hoisted name is made of the others.
const STRUCTURAL = new Set([
  "components",
  "properties",
  "items",
  "definitions",
  "$defs",
  "content",
  "schema",
  "schemas",
  "allOf",
  "oneOf",
  "anyOf",
  "additionalProperties",
  "parameters",
  "responses",
  "requestBody",
  "requestBodies",
  "headers",
]);

function hoistedName(tokens: string[]): string {
  const parts = tokens
    .filter((token) => !STRUCTURAL.has(token))
    .map((token) => token.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, ""))
    .filter(Boolean);
  return parts.join("_").slice(0, 120) || "Hoisted";
}

function isDeep(ref: string): boolean {
  if (!ref.startsWith("#/")) return false;
  const tokens = ref.slice(2).split("/");
  return !(tokens.length === 3 && tokens[0] === "components");
}

/** The component kind a `$ref` object stands for, from where it is written (its key and its parent's key). */
function kindAt(key: string | undefined, parentKey: string | undefined, inSchema: boolean): Kind | "inline" {
  // Inside a schema every reference is a schema (a property may well be named "requestBody" or "parameters"),
  // except one standing for a whole `properties` map.
  if (inSchema) return key === "properties" ? "inline" : "schemas";
  if (
    key === "properties" ||
    parentKey === "paths" ||
    parentKey === "callbacks" ||
    parentKey === "links" ||
    parentKey === "webhooks"
  )
    return "inline";
  if (parentKey === "parameters") return "parameters";
  if (parentKey === "responses") return "responses";
  if (key === "requestBody" || parentKey === "requestBodies") return "requestBodies";
  if (parentKey === "headers") return "headers";
  return "schemas";
}

function isData(key: string | undefined): boolean {
  return key === "example" || key === "examples" || key?.startsWith("x-") === true;
}

/** Whether the children of `node` (reached by `key` under `parentKey`) are schemas or inside one. */
function childrenInSchema(
  inSchema: boolean,
  key: string | undefined,
  parentKey: string | undefined,
  childKey: string,
): boolean {
  return inSchema || childKey === "schema" || (key === "schemas" && parentKey === "components");
}

function collect(
  node: unknown,
  key: string | undefined,
  parentKey: string | undefined,
  inSchema: boolean,
  uses: Map<string, Kind | "inline">,
): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) collect(child, String(i), key, inSchema, uses);
    return;
  }
  if (!isObject(node) || isData(key)) return;
  const ref = node.$ref;
  if (typeof ref === "string" && Object.hasOwn(node, "$ref")) {
    if (isDeep(ref)) {
      const kind = kindAt(key, parentKey, inSchema);
      uses.set(kind === "inline" ? `inline|${ref}` : `${kind}|${ref}`, kind);
    }
    return;
  }
  for (const name of Object.keys(node))
    collect(node[name], name, key, childrenInSchema(inSchema, key, parentKey, name), uses);
}

function rewrite(
  node: unknown,
  key: string | undefined,
  parentKey: string | undefined,
  inSchema: boolean,
  names: Map<string, string>,
  notObjectTargets: ReadonlySet<string>,
): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    node.forEach((child, i) => {
      const next = rewrite(child, String(i), key, inSchema, names, notObjectTargets);
      if (next !== child) (copy ??= [...node])[i] = next;
    });
    return copy ?? node;
  }
  if (!isObject(node) || isData(key)) return node;
  const ref = node.$ref;
  if (typeof ref === "string" && Object.hasOwn(node, "$ref")) {
    if (!isDeep(ref)) return node;
    const kind = kindAt(key, parentKey, inSchema);
    const name = kind === "inline" ? undefined : names.get(`${kind}|${ref}`);
    // A schema that is a reference to plain data (a string inside an extension) describes nothing: any value.
    if (name === undefined && kind === "schemas" && notObjectTargets.has(ref)) return {};
    if (name === undefined) return node;
    const copy = copyObject(node);
    setOwn(copy, "$ref", `#/components/${kind}/${pointerToken(name)}`);
    return copy;
  }
  let copy: JsonObject | undefined;
  for (const name of Object.keys(node)) {
    const next = rewrite(
      node[name],
      name,
      key,
      childrenInSchema(inSchema, key, parentKey, name),
      names,
      notObjectTargets,
    );
    if (next !== node[name]) setOwn((copy ??= copyObject(node)), name, next);
  }
  return copy ?? node;
}

/** Inlines the deep references that have no component kind (a copy of the target), keeping recursion as a `$ref`. */
function inline(node: unknown, doc: JsonObject, inlining: readonly string[], spend: () => void, key?: string): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    node.forEach((child, i) => {
      const next = inline(child, doc, inlining, spend, String(i));
      if (next !== child) (copy ??= [...node])[i] = next;
    });
    return copy ?? node;
  }
  if (!isObject(node) || isData(key)) return node;
  const ref = node.$ref;
  if (typeof ref === "string" && Object.hasOwn(node, "$ref") && isDeep(ref) && !inlining.includes(ref)) {
    const tokens = parsePointer(ref);
    const target = tokens && resolvePointer(doc, tokens);
    if (target !== undefined) {
      spend();
      return inline(target, doc, [...inlining, ref], spend);
    }
  }
  let copy: JsonObject | undefined;
  for (const name of Object.keys(node)) {
    const child = node[name];
    if (typeof child !== "object" || child === null) continue;
    if (inlining.length > 0) spend();
    const next = inline(child, doc, inlining, spend, name);
    if (next !== child) setOwn((copy ??= copyObject(node)), name, next);
  }
  return copy ?? node;
}
