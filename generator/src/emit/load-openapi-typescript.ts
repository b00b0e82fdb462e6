import { createRequire } from "node:module";
import { requireWithCodeCache } from "./code-cache.js";

/** The parts of openapi-typescript the types emitter calls. */
export interface OpenapiTypescript {
  transformSchema: typeof import("openapi-typescript").transformSchema;
  astToString: typeof import("openapi-typescript").astToString;
  resolveRef: typeof import("openapi-typescript").resolveRef;
  scanDiscriminators: typeof import("openapi-typescript").scanDiscriminators;
}

let loaded: OpenapiTypescript | undefined;

/**
 * openapi-typescript's transform, loaded the cheapest way: its CommonJS modules by path, through `require`.
 * Its ESM entry costs about 0.45 s more on Node 20: it loads all of Redocly for the linting and bundling we do
 * not call (specs arrive bundled), and `import` of the CommonJS `typescript` first scans its 9 MB for export
 * names, where `require` does not. The modules are the package's own published files (its `./*` export).
 */
export function loadOpenapiTypescript(): OpenapiTypescript {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  // TypeScript first, as openapi-typescript's files will require it: through V8's code cache on Node 20.
  requireWithCodeCache(createRequire(require.resolve("openapi-typescript/dist/lib/ts.cjs")), "typescript");
  const transformSchema =
    require("openapi-typescript/dist/transform/index.cjs") as OpenapiTypescript["transformSchema"];
  const { astToString } = require("openapi-typescript/dist/lib/ts.cjs") as Pick<OpenapiTypescript, "astToString">;
  const { resolveRef, scanDiscriminators } = require("openapi-typescript/dist/lib/utils.cjs") as Pick<
    OpenapiTypescript,
    "resolveRef" | "scanDiscriminators"
  >;
  loaded = { transformSchema, astToString, resolveRef, scanDiscriminators };
  return loaded;
}
