import { isObject, parsePointer, resolvePointer, type JsonObject } from "./json-walk.js";

/**
 * Replaces `$ref`s that point inside a schema (`#/components/schemas/Foo/properties/bar/items`, or into
 * `paths`) with a copy of their target. openapi-typescript turns such references into indexed-access types
 * that do not type-check; references to whole components are left alone. A reference that reaches itself
 * while being copied stays a reference, so recursive schemas keep working.
 */
export function inlineDeepRefs(doc: JsonObject): JsonObject {
  // Each inlined copy is walked again, so references to references multiply: cap the work, like alias bombs.
  let budget = MAX_INLINED_NODES;
  const visit = (node: unknown, inlining: readonly string[], key?: string): unknown => {
    if (--budget < 0) throw new Error(`inlining $refs into schemas would copy more than ${MAX_INLINED_NODES.toLocaleString("en")} nodes (${inlining.at(-1) ?? "#"}); refer to components instead`);
    if (Array.isArray(node)) return node.map((child) => visit(child, inlining));
    if (!isObject(node) || key === "example" || key === "examples") return node;
    const ref = node.$ref;
    if (typeof ref === "string" && isDeep(ref) && !inlining.includes(ref)) {
      const tokens = parsePointer(ref);
      const target = tokens && resolvePointer(doc, tokens);
      if (target !== undefined) return visit(target, [...inlining, ref]);
    }
    let copy: JsonObject | undefined;
    for (const name of Object.keys(node)) {
      const child = node[name];
      if (typeof child !== "object" || child === null || name.startsWith("x-")) continue;
      const next = visit(child, inlining, name);
      if (next !== child) {
        copy ??= { ...node };
        Object.defineProperty(copy, name, { value: next, enumerable: true, writable: true, configurable: true });
      }
    }
    return copy ?? node;
  };
  return visit(doc, []) as JsonObject;
}

const MAX_INLINED_NODES = 1_000_000;

function isDeep(ref: string): boolean {
  if (!ref.startsWith("#/")) return false;
  const tokens = ref.slice(2).split("/");
  return !(tokens.length === 3 && tokens[0] === "components");
}
