import { isObject, own, type JsonObject } from "../load/json-walk.js";
import { identityFromPath, serverPath } from "./oic-identity.js";
import type { OicIdentity } from "./types.js";

/**
 * Where a prepared (OpenAPI 3) document's operations live: the path prefix every operation path is appended to
 * (its first server's path; for an upgraded Swagger 2.0 document that is the old `basePath`), and the OIC
 * integration it belongs to, read from that prefix or, failing that, from the first path that carries one
 * (Visual Builder specs put the whole OIC prefix in their paths).
 */
export function integrationIdentity(doc: JsonObject): { identity: OicIdentity | null; basePath: string } {
  const basePath = firstServerPath(doc);
  let identity: OicIdentity | null = identityFromPath(basePath)?.identity ?? null;
  const paths = own(doc, "paths");
  if (!identity && isObject(paths)) {
    for (const path of Object.keys(paths)) {
      identity = identityFromPath(basePath + path)?.identity ?? null;
      if (identity) break;
    }
  }
  return { identity, basePath };
}

/** The path of the document's first server URL, its variables replaced by their defaults (`""` without servers). */
export function firstServerPath(doc: JsonObject): string {
  const servers = own(doc, "servers");
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(server) || typeof own(server, "url") !== "string") return "";
  const variables: Record<string, string> = {};
  const declared = own(server, "variables");
  if (isObject(declared)) {
    for (const name of Object.keys(declared)) {
      const variable = declared[name];
      if (isObject(variable) && typeof own(variable, "default") === "string")
        variables[name] = own(variable, "default") as string;
    }
  }
  return serverPath(own(server, "url") as string, variables);
}

/** `info.title`, else the file name without its extensions; `info.description` when it is text. */
export function integrationTitle(doc: JsonObject, source: string): { title: string; description: string | undefined } {
  const info = own(doc, "info");
  const title = isObject(info) ? own(info, "title") : undefined;
  const description = isObject(info) ? own(info, "description") : undefined;
  return {
    title: typeof title === "string" && title.trim() !== "" ? title : fileTitle(source),
    description: typeof description === "string" ? description : undefined,
  };
}

function fileTitle(source: string): string {
  return source
    .replace(/^.*[\\/]/, "")
    .replace(/\.(json|ya?ml)$/i, "")
    .replace(/\.(openapi|swagger)$/i, "");
}
