import type { JsonObject } from "./json-walk.js";

/**
 * Inlines `$ref`s to other files (already checked to be local and inside the input folders) with Redocly's
 * bundler, the one openapi-typescript itself uses. Only called for specs that reference other files.
 */
export async function bundleFiles(entryPath: string): Promise<JsonObject> {
  const { bundle, createConfig } = await import("@redocly/openapi-core");
  const config = await createConfig({}, {});
  const result = await bundle({ ref: entryPath, config, dereference: false });
  const parsed = result.bundle.parsed as JsonObject;
  return parsed;
}
