import { isObject, own } from "../load/json-walk.js";
import type { SchemaRef } from "./types.js";

const COMPONENT_SCHEMAS = "#/components/schemas/";

/**
 * The component schema a payload's schema names, when openapi-typescript prints it as exactly that schema's type:
 * a `$ref` to `#/components/schemas/<key>` (openapi-typescript follows `$ref` whatever sits beside it), or an
 * array of one with nothing else said (`{ type: "array", items: { $ref } }` prints as `<schema>[]`). Generated
 * functions then name the schema's own type instead of a path through `paths`: the same type, shorter to read
 * and to check. Anything else (inline schemas, nullable arrays, percent-encoded refs) keeps the path.
 */
export function schemaRef(schema: unknown): SchemaRef | undefined {
  if (!isObject(schema)) return undefined;
  const key = componentKey(own(schema, "$ref"));
  if (key !== undefined) return { key, array: false };
  const keys = Object.keys(schema);
  const items = own(schema, "items");
  if (keys.length !== 2 || own(schema, "type") !== "array" || !isObject(items)) return undefined;
  const itemKey = componentKey(own(items, "$ref"));
  return itemKey === undefined ? undefined : { key: itemKey, array: true };
}

/** `#/components/schemas/a~1b` → `a/b`; undefined for any other reference. */
function componentKey(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(COMPONENT_SCHEMAS) || ref.includes("%")) return undefined;
  const token = ref.slice(COMPONENT_SCHEMAS.length);
  if (token === "" || token.includes("/")) return undefined;
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}
