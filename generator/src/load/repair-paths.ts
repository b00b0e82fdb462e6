import { HTTP_METHODS, splitPathKey, templateNames, type QueryPair } from "./check-structure.js";
import { copyObject, isObject, own, resolveLocal, setOwn, type JsonObject } from "./json-walk.js";

/**
 * Makes a prepared document's paths callable where its templates and parameters disagree, as the check stage
 * warned (see `checkTemplateParameters` and `splitPathKey`):
 * - a `{name}` in the path that no parameter declares becomes a required string path parameter (peers type it
 *   `path?: never` and send a literal `{name}`);
 * - a declared path parameter that is not in the path is dropped (nothing could put it in the URL), and so is a
 *   parameter without a name (nothing could send it);
 * - a path key with a query string (`/search?q={q}`) becomes the path alone, its pairs query parameters
 *   (a literal `kind=all` is a required parameter whose only value is `"all"`), unless another key has that path.
 * The document is copied where it changes, never mutated (a `--watch` cache holds the original).
 */
export function repairPaths(doc: JsonObject): JsonObject {
  const paths = own(doc, "paths");
  if (!isObject(paths))
    return own(doc, "openapi") !== undefined && paths === undefined ? withOwn(doc, "paths", {}) : doc;
  let changed = false;
  const repaired: JsonObject = {};
  for (const key of Object.keys(paths)) {
    const item = paths[key];
    if (key.startsWith("x-")) {
      setOwn(repaired, key, item);
      continue;
    }
    const { pathPart, query } = splitPathKey(key);
    // A $ref'd path item is left as written (the check stage does not look into it either).
    const movable =
      query !== undefined &&
      isObject(item) &&
      own(item, "$ref") === undefined &&
      !Object.hasOwn(paths, pathPart) &&
      !Object.hasOwn(repaired, pathPart);
    const target = movable ? pathPart : key;
    const fixed =
      isObject(item) && own(item, "$ref") === undefined
        ? repairItem(doc, item, templateNames(movable ? pathPart : key.split("?")[0]!), movable ? query : [])
        : item;
    if (fixed !== item || target !== key) changed = true;
    setOwn(repaired, target, fixed);
  }
  return changed ? withOwn(doc, "paths", repaired) : doc;
}

function repairItem(doc: JsonObject, item: JsonObject, inPath: string[], query: readonly QueryPair[]): JsonObject {
  const resolve = (node: unknown) => resolveLocal(doc, node);
  const isPathParameter = (entry: unknown, name?: string) => {
    const parameter = resolve(entry);
    return (
      isObject(parameter) && own(parameter, "in") === "path" && (name === undefined || own(parameter, "name") === name)
    );
  };
  const named = (entry: unknown) => {
    const parameter = resolve(entry);
    return !isObject(parameter) || (typeof own(parameter, "name") === "string" && own(parameter, "name") !== "");
  };
  const keep = (list: unknown) =>
    Array.isArray(list)
      ? list.filter(
          (entry) =>
            named(entry) &&
            (!isPathParameter(entry) || inPath.includes(own(resolve(entry) as JsonObject, "name") as string)),
        )
      : list;

  let result = item;
  const update = (key: string, value: unknown) => {
    if (result === item) result = copyObject(item);
    setOwn(result, key, value);
  };
  const shared = own(item, "parameters");
  const sharedKept = keep(shared);
  if (Array.isArray(shared) && (sharedKept as unknown[]).length !== shared.length) update("parameters", sharedKept);

  for (const method of HTTP_METHODS) {
    const operation = own(item, method);
    if (!isObject(operation)) continue;
    const own_ = own(operation, "parameters");
    let list = (Array.isArray(own_) ? (keep(own_) as unknown[]) : []).slice();
    const declared = [...(Array.isArray(sharedKept) ? sharedKept : []), ...list].map(resolve).filter(isObject);
    // Before dropping: a `{q}` of the query string may be declared as a path parameter (it sat in the key).
    const declaredBefore = [...(Array.isArray(shared) ? shared : []), ...(Array.isArray(own_) ? own_ : [])]
      .map(resolve)
      .filter(isObject);
    const has = (location: string, name: string) =>
      declared.some((parameter) => own(parameter, "in") === location && own(parameter, "name") === name);
    for (const name of inPath) {
      if (!has("path", name)) list.push({ name, in: "path", required: true, schema: { type: "string" } });
    }
    for (const pair of query) {
      if (has("query", pair.name)) continue;
      // A `{q}` declared as a path parameter (it sat in the key) is the same parameter, now sent in the query.
      list = list.filter((entry) => !isPathParameter(entry, pair.value));
      const declaredAsPath = declaredBefore.find(
        (parameter) => own(parameter, "in") === "path" && own(parameter, "name") === pair.value,
      );
      const schema = pair.template
        ? declaredAsPath && isObject(own(declaredAsPath, "schema"))
          ? own(declaredAsPath, "schema")
          : { type: "string" }
        : { type: "string", enum: [pair.value] };
      list.push({ name: pair.name, in: "query", required: true, schema });
    }
    const before = Array.isArray(own_) ? own_ : [];
    if (list.length !== before.length || list.some((entry, i) => entry !== before[i]))
      update(method, withOwn(operation, "parameters", list));
  }
  return result;
}

function withOwn(target: JsonObject, key: string, value: unknown): JsonObject {
  const copy = copyObject(target);
  setOwn(copy, key, value);
  return copy;
}
