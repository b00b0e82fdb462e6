import { createRequire } from "node:module";
import type { JsonObject } from "./json-walk.js";
import { withStandIns } from "./stand-in-names.js";

const require = createRequire(import.meta.url);

type Converter = { convertObj(doc: unknown, options: Record<string, unknown>): Promise<{ openapi: JsonObject }> };

export function loadConverter(): Converter {
  return require("swagger2openapi") as Converter;
}

/** Swagger 2.0 (OIC's `/metadata/swagger`) → OpenAPI 3.0 with swagger2openapi, the maintained converter. */
export async function upgradeSwagger2(doc: JsonObject, text: string): Promise<JsonObject> {
  const s2o = loadConverter();
  // `text` is the source we already have; without it the converter re-serialises the whole document as YAML.
  // Security definitions do not shape generated code (the runtime authenticates), and the converter is
  // fragile on malformed ones: leave them out.
  const { securityDefinitions: _definitions, security: _security, ...rest } = doc;
  // The converter refuses an object it meets twice ("YAML anchor or merge key"); bundling a deep $ref into
  // another file, or a YAML alias, puts one object in two places. A JSON copy is a tree (and keeps
  // `__proto__` keys as data: JSON.parse defines them as own properties).
  const standIns = withStandIns([JSON.stringify({ ...rest, swagger: "2.0" })]);
  const converted = await s2o.convertObj(JSON.parse(standIns.texts[0]!), {
    patch: true,
    warnOnly: true,
    resolve: false,
    text,
  });
  return standIns.restore(converted.openapi);
}
