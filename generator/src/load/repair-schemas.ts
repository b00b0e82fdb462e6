import { copyObject, isObject, setOwn, type JsonObject } from "./json-walk.js";
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from "./schema-keywords.js";
import { isKnownType, repairedType } from "./schema-types.js";

// The shapes `check-schemas` walks, and `dependentSchemas` besides.
const MAPS = new Set<string>([...SCHEMA_MAPS, "dependentSchemas"]);
const NESTED = new Set<string>([...SCHEMA_LISTS, ...SCHEMA_SINGLES]);

/**
 * Gives unknown `type` values their meaning in a prepared document, as the check stage warned: an alias becomes
 * its JSON Schema type (`datetime` → `string`), a name that means nothing is dropped (any value), so types come
 * out usable instead of `Record<string, never>`. Examples and `x-` extensions are data and left alone. Copies
 * what it changes.
 */
export function repairSchemaTypes(doc: JsonObject): JsonObject {
  return walk(doc, false) as JsonObject;
}

function walk(node: unknown, isSchema: boolean): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    node.forEach((item, i) => {
      const next = walk(item, isSchema);
      if (next !== item) (copy ??= [...node])[i] = next;
    });
    return copy ?? node;
  }
  if (!isObject(node)) return node;
  let result = node;
  const set = (key: string, value: unknown) => {
    if (result === node) result = copyObject(node);
    setOwn(result, key, value);
  };
  for (const key of Object.keys(node)) {
    if (
      key === "example" ||
      key === "examples" ||
      key === "default" ||
      key === "enum" ||
      key === "const" ||
      key.startsWith("x-")
    )
      continue;
    const value = node[key];
    let next: unknown;
    if (isSchema && MAPS.has(key) && isObject(value)) next = mapValues(value, (child) => walk(child, true));
    else if (isSchema && NESTED.has(key)) next = walk(value, true);
    else if (key === "schema") next = walk(value, true);
    else if (key === "schemas" && !isSchema && isObject(value)) next = mapValues(value, (child) => walk(child, true));
    else if (isSchema && key === "type") next = repairType(value);
    // Anything else (paths, operations, content, components, a schema's own keywords) may lead to schemas.
    else next = walk(value, false);
    if (next !== value) {
      if (next === undefined) {
        if (result === node) result = copyObject(node);
        delete result[key];
      } else set(key, next);
    }
  }
  return result;
}

function repairType(type: unknown): unknown {
  if (typeof type === "string") return isKnownType(type) ? type : repairedType(type);
  if (!Array.isArray(type)) return undefined; // not a type name at all: any value
  if (type.some((name) => typeof name !== "string")) return undefined;
  if (type.every((name) => isKnownType(name as string))) return type;
  const names = [...new Set(type.map((name) => (typeof name === "string" ? repairedType(name) : name)))];
  // One name that means nothing makes the whole union "any value".
  return names.includes(undefined) ? undefined : names;
}

function mapValues(map: JsonObject, fn: (value: unknown) => unknown): JsonObject {
  let copy: JsonObject | undefined;
  for (const key of Object.keys(map)) {
    const next = fn(map[key]);
    if (next !== map[key]) setOwn((copy ??= copyObject(map)), key, next);
  }
  return copy ?? map;
}
