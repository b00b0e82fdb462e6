import type { SpecProblem } from "../errors.js";
import { pointerOf } from "../errors.js";
import { entries, isObject, own, type JsonObject } from "./json-walk.js";

// Longer than any URL a gateway accepts; also keeps hostile keys out of generated names and messages.
const MAX_PATH_LENGTH = 2048;

export type SpecVersion = "2.0" | "3.0" | "3.1";
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const PARAMETER_LOCATIONS: Record<SpecVersion, readonly string[]> = {
  "2.0": ["query", "header", "path", "formData", "body"],
  "3.0": ["query", "header", "path", "cookie"],
  "3.1": ["query", "header", "path", "cookie"],
};

/** Reads the document's OpenAPI/Swagger version, or reports why it has none we support. */
export function specVersion(doc: unknown, file: string): { version: SpecVersion } | { problem: SpecProblem } {
  const problem = (pointer: string, message: string) => ({ problem: { file, pointer, message } });
  if (!isObject(doc))
    return problem("#", `expected an OpenAPI or Swagger document (an object), found ${describe(doc)}`);
  const swagger = own(doc, "swagger");
  const openapi = own(doc, "openapi");
  if (swagger !== undefined) {
    // YAML reads an unquoted `swagger: 2.0` as the number 2; that is still a Swagger 2.0 document.
    return swagger === "2.0" || swagger === 2
      ? { version: "2.0" }
      : problem("#/swagger", `unsupported Swagger version ${JSON.stringify(swagger)}: only "2.0" is supported`);
  }
  if (openapi !== undefined) {
    if (typeof openapi !== "string")
      return problem("#/openapi", `"openapi" must be a version string like "3.0.3", found ${describe(openapi)}`);
    const match = /^3\.([01])\.\d+$/.exec(openapi);
    if (!match)
      return problem(
        "#/openapi",
        `unsupported OpenAPI version ${JSON.stringify(openapi)}: 3.0.x and 3.1.x are supported`,
      );
    return { version: match[1] === "0" ? "3.0" : "3.1" };
  }
  return problem("#", 'not an OpenAPI or Swagger document: no "openapi" or "swagger" key');
}

/**
 * Checks the parts of the document the generator relies on and reports every problem with its pointer.
 * Deliberately not a full schema validation: Oracle-tool output bends the rules in harmless ways.
 */
export function checkStructure(doc: JsonObject, version: SpecVersion, file: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const report = (path: (string | number)[], message: string) =>
    problems.push({ file, pointer: pointerOf(path), message });
  const warn: Report = (path, message) =>
    problems.push({ file, pointer: pointerOf(path), message, severity: "warning" });
  const expectObject = (value: unknown, path: (string | number)[], what: string): value is JsonObject => {
    if (isObject(value)) return true;
    report(path, `${what} must be an object, found ${describe(value)}`);
    return false;
  };

  if (version === "2.0") {
    const basePath = own(doc, "basePath");
    if (basePath !== undefined && typeof basePath !== "string")
      report(["basePath"], `basePath must be a string, found ${describe(basePath)}`);
    const host = own(doc, "host");
    if (host !== undefined && (typeof host !== "string" || /[/\s]/.test(host)))
      report(["host"], "host must be a host name with an optional port, without a path or scheme");
    const definitions = own(doc, "definitions");
    if (definitions !== undefined) expectObject(definitions, ["definitions"], "definitions");
  } else {
    const servers = own(doc, "servers");
    if (servers !== undefined) {
      if (!Array.isArray(servers)) report(["servers"], `servers must be an array, found ${describe(servers)}`);
      else
        servers.forEach((server, i) => {
          if (expectObject(server, ["servers", i], "a server") && typeof own(server, "url") !== "string")
            report(["servers", i, "url"], "server url must be a string");
        });
    }
    const components = own(doc, "components");
    if (components !== undefined && expectObject(components, ["components"], "components")) {
      for (const [key, value] of entries(components))
        if (!key.startsWith("x-")) expectObject(value, ["components", key], `components.${key}`);
    }
  }

  const paths = own(doc, "paths");
  if (paths === undefined) {
    // Required in 2.0 and 3.0, optional in 3.1; either way the schemas (and webhooks) still make types.
    if (version !== "3.1")
      warn([], `no "paths" (OpenAPI ${version} requires it): generated the types and a module without functions`);
    else if (!hasSchemas(doc, version) && own(doc, "webhooks") === undefined)
      warn([], "no paths, webhooks or schemas: generated an empty module");
    return problems;
  }
  if (!expectObject(paths, ["paths"], "paths")) return problems;
  let operations = 0;
  const templates = new Map<string, string>();
  const withoutQuery = new Map<string, string>();
  const operationIds = new Map<string, string>();
  for (const [path, item] of entries(paths)) {
    // `x-` keys are extensions (allowed in a Paths Object), not paths.
    if (path.startsWith("x-")) continue;
    const at = ["paths", path];
    if (!path.startsWith("/")) {
      report(at, `path ${JSON.stringify(truncate(path))} must start with "/"`);
      continue;
    }
    if (path.length > MAX_PATH_LENGTH) {
      report(
        at,
        `path ${JSON.stringify(truncate(path))} is ${path.length} characters long, over the ${MAX_PATH_LENGTH} a URL can carry`,
      );
      continue;
    }
    if (!expectObject(item, at, "a path item")) continue;
    if (own(item, "$ref") !== undefined) {
      operations++;
      continue;
    }
    const pathParameters = checkParameters(own(item, "parameters"), [...at, "parameters"], version, report, warn);
    const { pathPart, query } = splitPathKey(path);
    if (query !== undefined) {
      const clash = withoutQuery.get(pathPart) ?? (Object.hasOwn(paths, pathPart) ? pathPart : undefined);
      if (clash !== undefined)
        warn(
          at,
          `path ${JSON.stringify(truncate(path))} carries a query string and ${JSON.stringify(truncate(clash))} has the same path: the query string is sent as written`,
        );
      else
        warn(
          at,
          `path ${JSON.stringify(truncate(path))} carries a query string: generated as ${JSON.stringify(truncate(pathPart))} with query parameter${query.length === 1 ? "" : "s"} ${query.map((pair) => pair.name).join(", ")}`,
        );
      withoutQuery.set(pathPart, path);
    }
    const shape = path.replace(/\{[^}]*\}/g, "{}");
    for (const method of HTTP_METHODS) {
      const operation = own(item, method);
      if (operation === undefined) continue;
      const opAt = [...at, method];
      if (!expectObject(operation, opAt, `the ${method.toUpperCase()} operation`)) continue;
      operations++;
      // An operation kept in another file is checked by the $ref walk, not here.
      if (own(operation, "$ref") !== undefined) continue;
      const twin = templates.get(`${method} ${shape}`);
      if (twin !== undefined)
        warn(
          opAt,
          `${method.toUpperCase()} ${truncate(path)} and ${method.toUpperCase()} ${truncate(twin)} differ only in parameter names (the server must tell them apart): both are generated`,
        );
      else templates.set(`${method} ${shape}`, path);
      const operationId = own(operation, "operationId");
      if (operationId !== undefined && typeof operationId !== "string")
        report([...opAt, "operationId"], `operationId must be a string, found ${describe(operationId)}`);
      if (typeof operationId === "string") {
        const first = operationIds.get(operationId);
        if (first !== undefined)
          warn(
            [...opAt, "operationId"],
            `operationId ${JSON.stringify(truncate(operationId))} is also used at ${first}: this operation's function gets a numbered name`,
          );
        else operationIds.set(operationId, pointerOf([...opAt, "operationId"]));
      }
      const opParameters = checkParameters(
        own(operation, "parameters"),
        [...opAt, "parameters"],
        version,
        report,
        warn,
      );
      checkTemplateParameters(pathPart, query ?? [], pathParameters, opParameters, opAt, warn);
      const bodies = opParameters
        .map((parameter, i) => (parameter && "name" in parameter && parameter.in === "body" ? i : -1))
        .filter((i) => i >= 0);
      if (bodies.length > 1)
        report([...opAt, "parameters", bodies[1]!], "an operation can have only one body parameter");
      checkBodyAndResponses(operation, opAt, version, report, expectObject);
    }
  }
  // A document of shared schemas only still yields types; one with neither operations nor schemas is empty.
  if (operations === 0 && !hasSchemas(doc, version) && own(doc, "webhooks") === undefined)
    warn(["paths"], "the document has no operations and no schemas: generated an empty module");
  return problems;
}

function hasSchemas(doc: JsonObject, version: SpecVersion): boolean {
  const schemas =
    version === "2.0"
      ? own(doc, "definitions")
      : (() => {
          const components = own(doc, "components");
          return isObject(components) ? own(components, "schemas") : undefined;
        })();
  return isObject(schemas) && Object.keys(schemas).length > 0;
}

type Report = (path: (string | number)[], message: string) => void;

/** One `name=value` of a path key's query string; `template` when the value is a `{parameter}`. */
export interface QueryPair {
  name: string;
  value: string;
  template: boolean;
}

/** `/search?q={q}&kind=all` → `/search` and its pairs (`undefined` when the key has no query string). */
export function splitPathKey(key: string): { pathPart: string; query: QueryPair[] | undefined } {
  const mark = key.indexOf("?");
  if (mark < 0) return { pathPart: key, query: undefined };
  const query = key
    .slice(mark + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [name = "", value = ""] = pair.split("=", 2);
      const template = /^\{[^}]+\}$/.test(value);
      return {
        name: template && name === "" ? value.slice(1, -1) : name,
        value: template ? value.slice(1, -1) : value,
        template,
      };
    })
    .filter((pair) => pair.name !== "");
  return { pathPart: key.slice(0, mark), query };
}

/** The `{names}` of a path template, in order. */
export function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);
}
/** One entry per array item, aligned with its index; `undefined` where the item was reported as broken. */
type Declared = { name: string; in: string } | { ref: true } | undefined;

function checkParameters(
  value: unknown,
  at: (string | number)[],
  version: SpecVersion,
  report: Report,
  warn: Report,
): Declared[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report(at, `parameters must be an array, found ${describe(value)}`);
    return [];
  }
  const declared: Declared[] = [];
  const seen = new Set<string>();
  for (const [i, parameter] of value.entries()) {
    declared[i] = undefined;
    if (!isObject(parameter)) {
      report([...at, i], `a parameter must be an object, found ${describe(parameter)}`);
      continue;
    }
    if (own(parameter, "$ref") !== undefined) {
      declared[i] = { ref: true };
      continue;
    }
    const name = own(parameter, "name");
    const location = own(parameter, "in");
    // Peers emit a nameless parameter as a property named "": nothing could send it, so it is left out.
    if (typeof name !== "string" || name === "") {
      warn([...at, i], 'a parameter without a "name": left out of the function\'s input');
      continue;
    }
    if (typeof location !== "string" || !PARAMETER_LOCATIONS[version].includes(location)) {
      report(
        [...at, i, "in"],
        `parameter "in" must be one of ${PARAMETER_LOCATIONS[version].join(", ")}, found ${describe(location)}`,
      );
      continue;
    }
    if (version === "2.0" && location === "body" && !isObject(own(parameter, "schema")))
      report([...at, i], 'a body parameter needs a "schema"');
    const key = `${location}:${location === "header" ? name.toLowerCase() : name}`;
    if (seen.has(key)) report([...at, i], `parameter ${JSON.stringify(name)} in ${location} is declared twice`);
    seen.add(key);
    declared[i] = { name, in: location };
  }
  return declared;
}

/**
 * Path templates and declared path parameters that disagree. Both are common in large public specs and both are
 * repaired when the document is prepared (`repair-paths`): an undeclared `{name}` becomes a required string path
 * parameter, a declared one missing from the path is left out. Only warnings here.
 */
function checkTemplateParameters(
  pathPart: string,
  query: readonly QueryPair[],
  fromPathItem: Declared[],
  fromOperation: Declared[],
  at: (string | number)[],
  warn: Report,
): void {
  const declared = [...fromPathItem, ...fromOperation];
  const inTemplate = templateNames(pathPart);
  const inQuery = new Set(query.filter((pair) => pair.template).map((pair) => pair.value));
  // A $ref'd parameter may declare the name; only judge missing names when every parameter is inline.
  if (!declared.some((parameter) => parameter && "ref" in parameter)) {
    for (const name of inTemplate) {
      if (
        !declared.some(
          (parameter) => parameter && "name" in parameter && parameter.in === "path" && parameter.name === name,
        )
      ) {
        warn(
          [...at, "parameters"],
          `path parameter {${name}} of ${truncate(pathPart)} is not declared: generated as a required string path parameter`,
        );
      }
    }
  }
  fromOperation.forEach((parameter, i) => {
    if (
      parameter &&
      "name" in parameter &&
      parameter.in === "path" &&
      !inTemplate.includes(parameter.name) &&
      !inQuery.has(parameter.name)
    ) {
      warn(
        [...at, "parameters", i],
        `path parameter ${JSON.stringify(parameter.name)} does not appear in the path ${truncate(pathPart)}: left out of the URL and of the function's input`,
      );
    }
  });
}

function checkBodyAndResponses(
  operation: JsonObject,
  at: (string | number)[],
  version: SpecVersion,
  report: Report,
  expectObject: (value: unknown, path: (string | number)[], what: string) => value is JsonObject,
): void {
  const requestBody = own(operation, "requestBody");
  if (
    version !== "2.0" &&
    requestBody !== undefined &&
    expectObject(requestBody, [...at, "requestBody"], "requestBody")
  ) {
    const content = own(requestBody, "content");
    if (own(requestBody, "$ref") === undefined && content !== undefined)
      expectObject(content, [...at, "requestBody", "content"], "requestBody.content");
  }
  const responses = own(operation, "responses");
  if (responses === undefined || !expectObject(responses, [...at, "responses"], "responses")) return;
  for (const [status, response] of entries(responses)) {
    if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status))
      report(
        [...at, "responses", status],
        `response key must be an HTTP status code or "default", found ${JSON.stringify(truncate(status))}`,
      );
    else if (expectObject(response, [...at, "responses", status], "a response") && version !== "2.0") {
      const content = own(response, "content");
      if (content !== undefined) expectObject(content, [...at, "responses", status, "content"], "response content");
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(truncate(value))}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
