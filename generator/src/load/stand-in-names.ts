/**
 * Third-party document tools (swagger2openapi, Redocly's bundler) treat a document's objects as plain objects:
 * one drops keys named `__proto__`, both call `object.hasOwnProperty(...)` on objects that may have a property
 * of that name. Such names are carried through those tools under stand-ins the texts do not use, and put back.
 */
const RISKY_NAMES = ["__proto__", "hasOwnProperty"];

export interface StandIns {
  /** The texts with every risky name replaced. */
  texts: string[];
  /** Puts the names back into a document the tool produced. */
  restore<T>(document: T): T;
}

export function withStandIns(texts: readonly string[]): StandIns {
  const all = texts.join("\n");
  const names = new Map<string, string>();
  for (const name of RISKY_NAMES) {
    if (!all.includes(name)) continue;
    let standIn = `oic_gen_${name.replace(/_/g, "")}`;
    while (all.includes(standIn)) standIn += "_";
    names.set(standIn, name);
  }
  if (names.size === 0) return { texts: [...texts], restore: (document) => document };
  const replace = (text: string, from: (pair: [string, string]) => string, to: (pair: [string, string]) => string) =>
    [...names].reduce((result, pair) => result.replaceAll(from(pair), to(pair)), text);
  return {
    texts: texts.map((text) =>
      replace(
        text,
        ([, name]) => name,
        ([standIn]) => standIn,
      ),
    ),
    // JSON.parse defines a `__proto__` key as an own property: the restored document keeps it as data.
    restore: (document) =>
      JSON.parse(
        replace(
          JSON.stringify(document),
          ([standIn]) => standIn,
          ([, name]) => name,
        ),
      ),
  };
}
