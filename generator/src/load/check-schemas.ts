import { pointerOf, type SpecProblem } from "../errors.js";
import type { SpecVersion } from "./check-structure.js";
import { describe } from "./check-structure.js";
import { entries, isObject, own, type JsonObject } from "./json-walk.js";
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from "./schema-keywords.js";
import { isKnownType, repairedType } from "./schema-types.js";

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

const MAX_SCHEMA_DEPTH = 200;

/**
 * Checks that every schema the type emitter will read has the shape it expects (objects where schemas go,
 * arrays where lists go), and reports each misfit with its pointer instead of letting the emitter crash.
 */
export function checkSchemas(doc: JsonObject, version: SpecVersion, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const report: Report = (path, message) => problems.push({ file, pointer: pointerOf(path), message });
  const warn: Report = (path, message) =>
    problems.push({ file, pointer: pointerOf(path), message, severity: "warning" });
  const schema = (value: unknown, path: Path) => checkSchema(value, path, version, { report, warn }, 0);
  const content = (value: unknown, path: Path) => {
    if (value === undefined || !isObject(value)) return;
    for (const [mediaType, media] of entries(value)) {
      if (!isObject(media))
        report([...path, mediaType], `a media type object must be an object, found ${describe(media)}`);
      else if (own(media, "schema") !== undefined) schema(own(media, "schema"), [...path, mediaType, "schema"]);
    }
  };
  const parameters = (value: unknown, path: Path) => {
    if (!Array.isArray(value)) return;
    value.forEach((parameter, i) => {
      if (!isObject(parameter)) return;
      if (own(parameter, "schema") !== undefined) schema(own(parameter, "schema"), [...path, i, "schema"]);
      if (version === "2.0" && own(parameter, "items") !== undefined)
        schema(own(parameter, "items"), [...path, i, "items"]);
      if (own(parameter, "content") !== undefined) content(own(parameter, "content"), [...path, i, "content"]);
    });
  };
  const responses = (value: unknown, path: Path) => {
    if (!isObject(value)) return;
    for (const [status, response] of entries(value)) {
      if (!isObject(response)) continue;
      if (version === "2.0" && own(response, "schema") !== undefined)
        schema(own(response, "schema"), [...path, status, "schema"]);
      content(own(response, "content"), [...path, status, "content"]);
    }
  };
  const mediaList = (value: unknown, path: Path) => {
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== "string")))
      report(path, `must be a list of media types, found ${describe(value)}`);
  };

  const info = own(doc, "info");
  if (info !== undefined && !isObject(info)) report(["info"], `info must be an object, found ${describe(info)}`);
  else if (isObject(info)) {
    for (const key of ["title", "description"]) {
      const text = own(info, key);
      if (!isText(text)) report(["info", key], `${key} must be a string, found ${describe(text)}`);
    }
  }
  if (version === "2.0") {
    mediaList(own(doc, "consumes"), ["consumes"]);
    mediaList(own(doc, "produces"), ["produces"]);
    const definitions = own(doc, "definitions");
    if (isObject(definitions)) for (const [name, value] of entries(definitions)) schema(value, ["definitions", name]);
    parameters(Object.values(isObject(own(doc, "parameters")) ? (own(doc, "parameters") as JsonObject) : {}), [
      "parameters",
    ]);
  } else {
    const components = own(doc, "components");
    if (isObject(components)) {
      const schemas = own(components, "schemas");
      if (isObject(schemas))
        for (const [name, value] of entries(schemas)) schema(value, ["components", "schemas", name]);
      const bodies = own(components, "requestBodies");
      if (isObject(bodies))
        for (const [name, body] of entries(bodies))
          if (isObject(body)) content(own(body, "content"), ["components", "requestBodies", name, "content"]);
      const shared = own(components, "responses");
      if (isObject(shared)) responses(shared, ["components", "responses"]);
    }
  }
  const paths = own(doc, "paths");
  if (!isObject(paths)) return problems;
  for (const [path, item] of entries(paths)) {
    if (path.startsWith("x-")) continue;
    if (!isObject(item)) continue;
    parameters(own(item, "parameters"), ["paths", path, "parameters"]);
    for (const [method, operation] of entries(item)) {
      if (!isObject(operation) || method === "parameters") continue;
      const at = ["paths", path, method];
      for (const key of ["summary", "description"]) {
        const text = own(operation, key);
        if (!isText(text)) report([...at, key], `${key} must be a string, found ${describe(text)}`);
      }
      parameters(own(operation, "parameters"), [...at, "parameters"]);
      const body = own(operation, "requestBody");
      if (isObject(body)) content(own(body, "content"), [...at, "requestBody", "content"]);
      responses(own(operation, "responses"), [...at, "responses"]);
      if (version === "2.0") {
        mediaList(own(operation, "consumes"), [...at, "consumes"]);
        mediaList(own(operation, "produces"), [...at, "produces"]);
      }
    }
  }
  return problems;
}

function checkSchema(
  value: unknown,
  path: Path,
  version: SpecVersion,
  reporters: { report: Report; warn: Report },
  depth: number,
): void {
  const { report, warn } = reporters;
  if (depth > MAX_SCHEMA_DEPTH) {
    report(path, `schema nested more than ${MAX_SCHEMA_DEPTH} levels deep`);
    return;
  }
  if (typeof value === "boolean" && version === "3.1") return;
  if (!isObject(value)) {
    report(path, `a schema must be an object${version === "3.1" ? " or a boolean" : ""}, found ${describe(value)}`);
    return;
  }
  if (own(value, "$ref") !== undefined) return;
  const child = (next: unknown, key: Path) => checkSchema(next, [...path, ...key], version, reporters, depth + 1);
  for (const key of SCHEMA_MAPS) {
    const map = own(value, key);
    if (map === undefined) continue;
    if (!isObject(map)) report([...path, key], `${key} must be an object of schemas, found ${describe(map)}`);
    else if (typeof own(map, "$ref") === "string")
      continue; // the whole map is kept elsewhere
    else for (const [name, schema] of entries(map)) child(schema, [key, name]);
  }
  for (const key of SCHEMA_LISTS) {
    const list = own(value, key);
    if (list === undefined) continue;
    if (!Array.isArray(list)) report([...path, key], `${key} must be an array of schemas, found ${describe(list)}`);
    else for (const [i, schema] of list.entries()) child(schema, [key, i]);
  }
  for (const key of SCHEMA_SINGLES) {
    const single = own(value, key);
    if (single === undefined || (key === "additionalProperties" && typeof single === "boolean")) continue;
    if (key === "items" && Array.isArray(single)) for (const [i, schema] of single.entries()) child(schema, [key, i]);
    else child(single, [key]);
  }
  const required = own(value, "required");
  if (required !== undefined && (!Array.isArray(required) || required.some((name) => typeof name !== "string")))
    report([...path, "required"], `required must be a list of property names, found ${describe(required)}`);
  const enumeration = own(value, "enum");
  if (enumeration !== undefined && !Array.isArray(enumeration))
    report([...path, "enum"], `enum must be an array, found ${describe(enumeration)}`);
  const type = own(value, "type");
  // Peers ignore a type that is not a name (codat's specs have objects there): any value, with a warning.
  if (
    type !== undefined &&
    typeof type !== "string" &&
    !(Array.isArray(type) && type.every((item) => typeof item === "string"))
  )
    warn(
      [...path, "type"],
      `type must be a type name${version === "3.1" ? " or a list of them" : ""}, found ${describe(type)}: any value is accepted`,
    );
  else
    for (const name of typeof type === "string" ? [type] : Array.isArray(type) ? (type as string[]) : []) {
      if (isKnownType(name)) continue;
      const meant = repairedType(name);
      warn(
        [...path, "type"],
        `unknown type ${JSON.stringify(name.slice(0, 60))}: ${meant ? `read as "${meant}"` : "any value is accepted"}`,
      );
    }
  for (const key of ["title", "description", "summary"]) {
    const text = own(value, key);
    if (!isText(text)) report([...path, key], `${key} must be a string, found ${describe(text)}`);
  }
  const discriminator = own(value, "discriminator");
  if (
    discriminator !== undefined &&
    version !== "2.0" &&
    !(isObject(discriminator) && typeof own(discriminator, "propertyName") === "string")
  )
    report([...path, "discriminator"], 'discriminator must be an object with a "propertyName"');
}

/** Absent, a string, or a `$ref` to one (multi-file specs keep long descriptions in their own files). */
function isText(value: unknown): boolean {
  return (
    value === undefined || typeof value === "string" || (isObject(value) && typeof own(value, "$ref") === "string")
  );
}
