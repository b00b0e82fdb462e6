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
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** Decodes a `#/a/b~1c` fragment into tokens; null when it is not a JSON pointer. */
export function parsePointer(fragment: string): string[] | null {
  if (fragment === "" || fragment === "#") return [];
  if (!fragment.startsWith("#/")) return null;
  const tokens = fragment.slice(2).split("/").map((token) => safeDecode(token, null));
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
