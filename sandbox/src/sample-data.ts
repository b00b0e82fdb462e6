/**
 * Deterministic sample payloads from OpenAPI schemas: the spec's own examples when it has them, otherwise
 * values shaped by the schema (objects, arrays of one or two items, formats, enums), recursion bounded.
 * Plus a simple XML rendering for XML media types (`xml` name, namespace, attribute and wrapped hints).
 */
import { isObject, own, resolveLocal, type JsonObject } from "oic-gen/sandbox-support";

const MAX_DEPTH = 8;

/** The example of a media type object (`example`, or the first inline `examples` value), if any. */
export function mediaExample(doc: JsonObject, media: unknown): { value: unknown } | undefined {
  if (!isObject(media)) return undefined;
  if (own(media, "example") !== undefined) return { value: own(media, "example") };
  const examples = own(media, "examples");
  if (isObject(examples)) {
    for (const key of Object.keys(examples)) {
      const example = resolveLocal(doc, examples[key]);
      // `externalValue` points at files we never fetch.
      if (isObject(example) && own(example, "value") !== undefined) return { value: own(example, "value") };
    }
  }
  return undefined;
}

/** A value shaped by `schema` (a node of `doc`, `$ref`s resolved locally). */
export function sampleValue(doc: JsonObject, schema: unknown, name = "value"): unknown {
  return sample(doc, schema, name, 0, []);
}

function sample(doc: JsonObject, node: unknown, name: string, depth: number, refs: string[]): unknown {
  const ref = isObject(node) && typeof node.$ref === "string" ? (node.$ref as string) : undefined;
  if (ref && refs.filter((seen) => seen === ref).length >= 2) return undefined; // recursive schema: one nested level, then stop
  const schema = resolveLocal(doc, node);
  if (!isObject(schema)) return schema === true || schema === undefined ? sampleString(name, undefined) : undefined;
  const trail = ref ? [...refs, ref] : refs;
  if (own(schema, "example") !== undefined) return own(schema, "example");
  const examples = own(schema, "examples");
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (own(schema, "const") !== undefined) return own(schema, "const");
  const enumeration = own(schema, "enum");
  if (Array.isArray(enumeration) && enumeration.length > 0)
    return enumeration.find((value) => value !== null) ?? enumeration[0];
  if (own(schema, "default") !== undefined) return own(schema, "default");
  if (depth > MAX_DEPTH) return undefined;

  const allOf = own(schema, "allOf");
  if (Array.isArray(allOf)) {
    const parts = allOf.map((part) => sample(doc, part, name, depth + 1, trail));
    // The schema beside its allOf often only documents it (description, title): it adds a value only when
    // it says what shape one has, otherwise its sample would be a string that stops the parts merging.
    const remainder = withoutKey(schema, "allOf");
    const rest = SHAPING_KEYS.some((key) => own(remainder, key) !== undefined)
      ? sample(doc, remainder, name, depth + 1, trail)
      : undefined;
    if ([...parts, rest].every((part) => part === undefined || isObject(part)))
      return Object.assign({}, ...parts, rest);
    return parts.find((part) => part !== undefined) ?? rest;
  }
  for (const key of ["oneOf", "anyOf"]) {
    const choices = own(schema, key);
    if (Array.isArray(choices)) {
      const first = choices.find((choice) => !isNullSchema(doc, choice));
      if (first !== undefined) return sample(doc, first, name, depth + 1, trail);
    }
  }

  switch (schemaType(schema)) {
    case "object": {
      const result: JsonObject = {};
      const properties = own(schema, "properties");
      if (isObject(properties)) {
        for (const key of Object.keys(properties)) {
          const value = sample(doc, properties[key], key, depth + 1, trail);
          if (value !== undefined)
            Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
        }
      }
      return result;
    }
    case "array": {
      const minItems = typeof own(schema, "minItems") === "number" ? (own(schema, "minItems") as number) : 1;
      const count = Math.max(1, Math.min(minItems, 2));
      const items = Array.from({ length: count }, (_, i) =>
        sample(doc, own(schema, "items"), singular(name, i), depth + 1, trail),
      );
      return items.filter((item) => item !== undefined);
    }
    case "integer":
      return numberIn(schema, 1, true);
    case "number":
      return numberIn(schema, 1.5, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return sampleString(name, schema);
  }
}

/** Keywords that give a schema's value a shape (see {@link schemaType}); others only describe it. */
const SHAPING_KEYS = ["type", "properties", "additionalProperties", "items", "oneOf", "anyOf", "enum", "const"];

function schemaType(schema: JsonObject): string {
  const type = own(schema, "type");
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return (type.find((t) => t !== "null") as string | undefined) ?? "null";
  if (isObject(own(schema, "properties")) || own(schema, "additionalProperties") !== undefined) return "object";
  if (own(schema, "items") !== undefined) return "array";
  return "string";
}

function isNullSchema(doc: JsonObject, node: unknown): boolean {
  const schema = resolveLocal(doc, node);
  return isObject(schema) && own(schema, "type") === "null";
}

function numberIn(schema: JsonObject, fallback: number, integer: boolean): number {
  const minimum = own(schema, "minimum");
  const maximum = own(schema, "maximum");
  let value = typeof minimum === "number" ? minimum : fallback;
  if (typeof maximum === "number" && value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}

const FORMATS: Record<string, string> = {
  "date-time": "2025-01-15T09:30:00.000Z",
  date: "2025-01-15",
  time: "09:30:00",
  email: "alice@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  uuid: "3f8c1f0e-0000-4000-8000-000000000001",
  byte: "c2FtcGxl",
  binary: "sample",
  ipv4: "192.0.2.1",
  hostname: "example.com",
};

function sampleString(name: string, schema: JsonObject | undefined): string {
  const format = schema ? own(schema, "format") : undefined;
  if (typeof format === "string" && Object.hasOwn(FORMATS, format)) return FORMATS[format]!;
  let text = `${name}-1`;
  const min = schema && typeof own(schema, "minLength") === "number" ? (own(schema, "minLength") as number) : 0;
  const max = schema && typeof own(schema, "maxLength") === "number" ? (own(schema, "maxLength") as number) : Infinity;
  while (text.length < min) text += "x";
  if (text.length > max) text = text.slice(0, Math.max(max, 0));
  return text;
}

function singular(name: string, index: number): string {
  return index === 0 ? name : `${name}${index + 1}`;
}

function withoutKey(schema: JsonObject, key: string): JsonObject {
  const copy: JsonObject = {};
  for (const k of Object.keys(schema)) if (k !== key) copy[k] = schema[k];
  return copy;
}

/** Renders `value` as XML, using the schema's `xml` hints; the root defaults to `<response-wrapper>`. */
export function renderXml(doc: JsonObject, schema: unknown, value: unknown): string {
  const resolved = resolveLocal(doc, schema);
  const hints = xmlHints(resolved);
  const root = hints.name ?? "response-wrapper";
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(doc, resolved, root, value, hints.namespace, 0)}\n`;
}

function element(
  doc: JsonObject,
  schema: unknown,
  tag: string,
  value: unknown,
  namespace: string | undefined,
  depth: number,
): string {
  const xmlns = namespace ? ` xmlns="${escapeXml(namespace)}"` : "";
  if (Array.isArray(value))
    return value
      .map((item) =>
        element(
          doc,
          resolveLocal(doc, isObject(schema) ? own(schema, "items") : undefined),
          tag,
          item,
          namespace,
          depth,
        ),
      )
      .join("");
  if (!isObject(value) || depth > MAX_DEPTH)
    return `<${tag}${xmlns}>${value === undefined || value === null ? "" : escapeXml(String(value))}</${tag}>`;
  const properties =
    isObject(schema) && isObject(own(schema, "properties")) ? (own(schema, "properties") as JsonObject) : {};
  let attributes = "";
  let children = "";
  for (const key of Object.keys(value)) {
    const propertySchema = resolveLocal(doc, own(properties, key));
    const hints = xmlHints(propertySchema);
    const name = xmlName(hints.name ?? key);
    const child = value[key];
    if (hints.attribute) {
      attributes += ` ${name}="${escapeXml(String(child))}"`;
    } else if (Array.isArray(child) && isObject(propertySchema)) {
      const itemSchema = resolveLocal(doc, own(propertySchema, "items"));
      const itemName = xmlName(xmlHints(itemSchema).name ?? name);
      const items = child.map((item) => element(doc, itemSchema, itemName, item, undefined, depth + 1)).join("");
      children += hints.wrapped ? `<${name}>${items}</${name}>` : items;
    } else {
      children += element(doc, propertySchema, name, child, undefined, depth + 1);
    }
  }
  return `<${tag}${xmlns}${attributes}>${children}</${tag}>`;
}

function xmlHints(schema: unknown): { name?: string; namespace?: string; attribute?: boolean; wrapped?: boolean } {
  const xml = isObject(schema) ? own(schema, "xml") : undefined;
  if (!isObject(xml)) return {};
  return {
    name: typeof xml.name === "string" ? xml.name : undefined,
    namespace: typeof xml.namespace === "string" ? xml.namespace : undefined,
    attribute: xml.attribute === true,
    wrapped: xml.wrapped === true,
  };
}

/** Keeps element names well-formed whatever the spec calls its properties. */
function xmlName(name: string): string {
  const cleaned = name.replace(/[^\w.-]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}
