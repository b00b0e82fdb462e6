import { createRequire } from "node:module";
import type { JsonObject } from "./json-walk.js";

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
  let json = JSON.stringify({ ...rest, swagger: "2.0" });
  // The converter drops keys named `__proto__` (definitions, properties, parameters): carry them through
  // under a stand-in name that the document does not use, and put them back afterwards.
  const standIn = json.includes("__proto__") ? unusedName(json) : undefined;
  if (standIn) json = json.replaceAll("__proto__", standIn);
  const converted = await s2o.convertObj(JSON.parse(json), { patch: true, warnOnly: true, resolve: false, text });
  return standIn ? (JSON.parse(JSON.stringify(converted.openapi).replaceAll(standIn, "__proto__")) as JsonObject) : converted.openapi;
}

function unusedName(json: string): string {
  let name = "oic_gen_proto";
  while (json.includes(name)) name += "_";
  return name;
}
