import { createHash } from "node:crypto";

// ECMAScript reserved words (strict mode included), names a generated module imports or declares itself, and
// `then`: a module exporting it is a thenable, so `await import()` of it would call the generated function.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface " +
    "package private protected public await arguments eval undefined NaN Infinity " +
    "invoke OicClient CallOptions OperationDescriptor paths components operations webhooks $defs catalogue then"
  ).split(" "),
);

const MAX_LENGTH = 64;

/** Splits any text into words: separators, case changes and letter/digit boundaries. */
export function words(text: string): string[] {
  return text
    .normalize("NFC")
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** `get order-lines` → `getOrderLines`; always a valid identifier, never a reserved word. */
export function camelCase(text: string, fallback: string): string {
  const parts = words(text);
  const joined = parts.map((word, i) => (i === 0 ? word.toLowerCase() : capitalize(word.toLowerCase()))).join("");
  return safeIdentifier(joined, fallback, text);
}

export function pascalCase(identifier: string): string {
  return identifier.charAt(0).toUpperCase() + identifier.slice(1);
}

/** `ordersSyncV1_0` → `orders-sync-v1-0`: a folder name that is the same on case-insensitive file systems. */
export function kebabCase(identifier: string): string {
  return (
    words(identifier.replace(/_/g, " "))
      .map((word) => word.toLowerCase())
      .join("-") || "module"
  );
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function safeIdentifier(candidate: string, fallback: string, original: string): string {
  let name = candidate.replace(/[^\p{ID_Continue}$]/gu, "");
  if (name === "") name = fallback;
  if (!/^[\p{ID_Start}$_]/u.test(name)) name = `_${name}`;
  if (Array.from(name).length > MAX_LENGTH) {
    // Keep long names unique and stable: a prefix plus a short hash of the full original text.
    // Cut by code points, never inside a surrogate pair (that would not be an identifier any more).
    name = `${Array.from(name)
      .slice(0, MAX_LENGTH - 9)
      .join("")}_${createHash("sha256").update(original).digest("hex").slice(0, 8)}`;
  }
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

/**
 * Hands out names in call order; a name already taken gets `2`, `3`, ... Names are compared as the emitter
 * will use them, PascalCased and without case (`ſfoo` and `sfoo` both give `SfooResult`; folders and
 * case-insensitive file systems see `Foo` and `foo` as one).
 */
export class NameAllocator {
  private readonly taken = new Set<string>();
  /**
   * Per base, the suffix to try next: names are only ever added, so every suffix below it is still taken.
   * Without it, the k-th schema named like k-1 others would scan k suffixes (GitHub's spec has runs of them).
   */
  private readonly nextSuffix = new Map<string, number>();
  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(nameKey(name));
  }
  has(name: string): boolean {
    return this.taken.has(nameKey(name));
  }
  allocate(base: string): string {
    const baseKey = nameKey(base);
    let name = base;
    if (this.taken.has(baseKey)) {
      let n = this.nextSuffix.get(baseKey) ?? 2;
      while (this.has(`${base}${n}`)) n++;
      name = `${base}${n}`;
      this.nextSuffix.set(baseKey, n + 1);
    }
    this.taken.add(nameKey(name));
    return name;
  }
}

function nameKey(name: string): string {
  return pascalCase(name).toLowerCase();
}
