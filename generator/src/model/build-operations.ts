import { HTTP_METHODS } from "../load/check-structure.js";
import { isObject, own, resolveLocal, type JsonObject } from "../load/json-walk.js";
import { mediaKind, preferredMediaType } from "./media.js";
import { camelCase, NameAllocator, words } from "./names.js";
import { identityFromPath } from "./oic-identity.js";
import { schemaRef } from "./schema-ref.js";
import type { HttpMethod, Operation, ParameterGroup, SchemaRef } from "./types.js";

/**
 * Reads the operations of an OpenAPI 3 document (already bundled and upgraded) into the model, in document
 * order, with unique function names.
 */
export function buildOperations(doc: JsonObject, basePath: string): Operation[] {
  const resolve = (node: unknown): unknown => resolveLocal(doc, node);
  const names = new NameAllocator();
  const operations: Operation[] = [];
  const paths = own(doc, "paths");
  if (!isObject(paths)) return operations;
  for (const specPath of Object.keys(paths)) {
    if (specPath.startsWith("x-")) continue; // an extension, not a path
    const item = resolve(paths[specPath]);
    if (!isObject(item)) continue;
    const fullPath = basePath + specPath;
    for (const method of HTTP_METHODS) {
      const operation = own(item, method);
      if (!isObject(operation) || method === "trace") continue;
      const operationId = own(operation, "operationId");
      const base =
        typeof operationId === "string" && words(operationId).length > 0
          ? camelCase(operationId, "operation")
          : camelCase(`${method} ${nameFromPath(fullPath)}`, method);
      operations.push({
        name: names.allocate(base),
        method: method.toUpperCase() as HttpMethod,
        specPath,
        path: fullPath,
        summary: text(own(operation, "summary")),
        description: text(own(operation, "description")),
        deprecated: own(operation, "deprecated") === true,
        parameters: parameterGroups([own(item, "parameters"), own(operation, "parameters")], resolve),
        body: requestBody(resolve(own(operation, "requestBody"))),
        ...responses(resolve(own(operation, "responses")), resolve),
      });
    }
  }
  return operations;
}

/** `/ic/api/.../ORDERS/1.0/orders/{orderId}/lines` → `orders by orderId lines` (the part after the OIC prefix). */
function nameFromPath(fullPath: string): string {
  const identity = identityFromPath(fullPath);
  const rest = identity ? fullPath.slice(identity.prefixEnd) : fullPath;
  return rest
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.startsWith("{") ? `by ${segment.slice(1, -1)}` : segment))
    .join(" ");
}

function parameterGroups(lists: unknown[], resolve: (node: unknown) => unknown): Operation["parameters"] {
  const byKey = new Map<string, JsonObject>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = resolve(entry);
      if (isObject(parameter) && typeof parameter.name === "string" && typeof parameter.in === "string")
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  const groups: Operation["parameters"] = {};
  for (const parameter of byKey.values()) {
    const location = parameter.in as string;
    if (location !== "path" && location !== "query" && location !== "header") continue;
    const group: ParameterGroup = (groups[location] ??= { required: false });
    if (location === "path" || own(parameter, "required") === true) group.required = true;
  }
  return groups;
}

function requestBody(body: unknown): Operation["body"] {
  if (!isObject(body)) return undefined;
  const content = own(body, "content");
  if (!isObject(content)) return undefined;
  const mediaType = preferredMediaType(Object.keys(content));
  if (!mediaType) return undefined;
  const schema = payloadSchema(content, mediaType);
  return { mediaType, kind: mediaKind(mediaType), required: own(body, "required") === true, ...schema };
}

function responses(
  value: unknown,
  resolve: (node: unknown) => unknown,
): Pick<Operation, "success" | "errors" | "responseAs"> {
  const success: Operation["success"] = [];
  const errors: Operation["errors"] = [];
  const all = isObject(value) ? Object.keys(value).map((status) => ({ status, response: resolve(value[status]) })) : [];
  const hasExplicitSuccess = all.some(({ status }) => status.startsWith("2"));
  for (const { status, response } of all) {
    const content = isObject(response) ? own(response, "content") : undefined;
    const mediaType = isObject(content) ? preferredMediaType(Object.keys(content)) : undefined;
    const schema = isObject(content) && mediaType ? payloadSchema(content, mediaType) : {};
    // Oracle tools often declare only `default`: then it is the success answer, not an error.
    const isSuccess = status.startsWith("2") || (status === "default" && !hasExplicitSuccess);
    if (isSuccess) success.push(status === "204" ? { status, mediaType: undefined } : { status, mediaType, ...schema });
    else if (mediaType && (status.startsWith("4") || status.startsWith("5") || status === "default"))
      errors.push({ status, mediaType, ...schema });
  }
  const withBody = success.find((entry) => entry.mediaType);
  const kind = withBody ? mediaKind(withBody.mediaType!) : "none";
  return { success, errors, responseAs: kind === "form" || kind === "multipart" ? "text" : kind };
}

/** `{ schema }` when the payload of `mediaType` is a named component schema (see schemaRef), else nothing. */
function payloadSchema(content: JsonObject, mediaType: string): { schema?: SchemaRef } {
  const media = own(content, mediaType);
  const schema = isObject(media) ? schemaRef(own(media, "schema")) : undefined;
  return schema ? { schema } : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
