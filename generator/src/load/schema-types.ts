/** JSON Schema's type names (`file` is Swagger 2.0's upload type, upgraded to a binary string). */
const KNOWN = new Set(["string", "number", "integer", "boolean", "array", "object", "null", "file"]);

// Type names that hand-written and tool-written specs use instead of JSON Schema's, and what they mean.
const ALIASES: Record<string, string> = {
  int: "integer",
  int32: "integer",
  int64: "integer",
  long: "integer",
  short: "integer",
  bigint: "integer",
  float: "number",
  double: "number",
  decimal: "number",
  numeric: "number",
  real: "number",
  bool: "boolean",
  str: "string",
  text: "string",
  char: "string",
  date: "string",
  datetime: "string",
  "date-time": "string",
  time: "string",
  timestamp: "string",
  uuid: "string",
  guid: "string",
  email: "string",
  uri: "string",
  url: "string",
  byte: "string",
  binary: "string",
  password: "string",
  list: "array",
  map: "object",
  dict: "object",
  dictionary: "object",
  json: "object",
};

/**
 * What an unknown `type` value is read as: a JSON Schema type when the name is a known alias (`datetime` →
 * `string`, `int` → `integer`, `String` → `string`), or `undefined` when it means nothing (the schema then
 * accepts any value, as if it had no `type`). Known names are returned unchanged.
 */
export function repairedType(type: string): string | undefined {
  if (KNOWN.has(type)) return type;
  const lower = type.toLowerCase();
  if (KNOWN.has(lower)) return lower;
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
}

export function isKnownType(type: string): boolean {
  return KNOWN.has(type);
}
