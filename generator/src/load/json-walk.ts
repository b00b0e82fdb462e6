/** Small helpers to look at untyped parsed documents. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own enumerable entries only: a spec's `__proto__` key is data, never a prototype. */
export function entries(value: JsonObject): [string, unknown][] {
  return Object.keys(value).map((key) => [key, value[key]]);
}

export function own(value: JsonObject, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/** Decodes a `#/a/b~1c` fragment into tokens; null when it is not a JSON pointer. */
export function parsePointer(fragment: string): string[] | null {
  if (fragment === "" || fragment === "#") return [];
  if (!fragment.startsWith("#/")) return null;
  const tokens = fragment
    .slice(2)
    .split("/")
    .map((token) => safeDecode(token, null));
  if (tokens.includes(null)) return null;
  return (tokens as string[]).map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `decodeURIComponent`, or `fallback` for text that is not valid percent-encoding (`100%`). */
export function safeDecode<T>(text: string, fallback: T): string | T {
  try {
    return decodeURIComponent(text);
  } catch {
    return fallback;
  }
}

/** The value at `tokens` in `root`, or undefined when any step is missing. */
export function resolvePointer(root: unknown, tokens: readonly string[]): unknown {
  let node = root;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (isObject(node)) {
      node = own(node, token);
    } else {
      return undefined;
    }
  }
  return node;
}

/** Follows local `$ref`s (in a bundled document every reference is local); undefined when one leads nowhere. */
export function resolveLocal(doc: JsonObject, node: unknown): unknown {
  for (let hops = 0; hops < 32 && isObject(node) && typeof node.$ref === "string"; hops++) {
    const tokens = parsePointer(node.$ref as string);
    if (!tokens) return undefined;
    node = resolvePointer(doc, tokens);
  }
  return node;
}

/** Sets a key as an own data property, even `__proto__` (a plain assignment would set the prototype). */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy that keeps every own key as data, `__proto__` included. */
export function copyObject(value: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const key of Object.keys(value)) setOwn(result, key, value[key]);
  return result;
}
