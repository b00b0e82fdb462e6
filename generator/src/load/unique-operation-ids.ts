import { HTTP_METHODS } from "./check-structure.js";
import { copyObject, isObject, own, setOwn, type JsonObject } from "./json-walk.js";

/**
 * openapi-typescript keys its `operations` interface by operationId, so a repeated id would declare one member
 * twice. Later repeats get a numeric suffix (`getOrder`, `getOrder_2`), in document order; the document is
 * copied where it changes, never mutated.
 */
export function uniqueOperationIds(doc: JsonObject): JsonObject {
  const paths = own(doc, "paths");
  if (!isObject(paths)) return doc;
  const seen = new Set<string>();
  let newPaths: JsonObject | undefined;
  for (const path of Object.keys(paths)) {
    const item = paths[path];
    if (!isObject(item)) continue;
    let newItem: JsonObject | undefined;
    for (const method of HTTP_METHODS) {
      const operation = own(item, method);
      if (!isObject(operation) || typeof operation.operationId !== "string") continue;
      let id = operation.operationId;
      for (let n = 2; seen.has(id); n++) id = `${operation.operationId}_${n}`;
      seen.add(id);
      if (id !== operation.operationId) {
        newItem ??= { ...item };
        newItem[method] = { ...operation, operationId: id };
      }
    }
    if (newItem) {
      newPaths ??= copyObject(paths);
      setOwn(newPaths, path, newItem);
    }
  }
  return newPaths ? { ...doc, paths: newPaths } : doc;
}
