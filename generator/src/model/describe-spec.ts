import type { SpecVersion } from "../load/check-structure.js";
import { isObject, own, type JsonObject } from "../load/json-walk.js";
import { identityFromPath, serverPath } from "./oic-identity.js";
import type { OicIdentity } from "./types.js";

/** What naming needs to know about a spec, read cheaply from the document as written. */
export interface SpecSummary {
  identity: OicIdentity | null;
  /** The path prefix every operation path is appended to (server or basePath path). */
  basePath: string;
  title: string;
  description: string | undefined;
}

export function describeSpec(doc: JsonObject, version: SpecVersion, fileName: string): SpecSummary {
  const basePath = version === "2.0" ? trimSlash(stringOr(own(doc, "basePath"), "")) : firstServerPath(doc);
  const paths = own(doc, "paths");
  let identity: OicIdentity | null = identityFromPath(basePath)?.identity ?? null;
  if (!identity && isObject(paths)) {
    for (const path of Object.keys(paths)) {
      identity = identityFromPath(basePath + path)?.identity ?? null;
      if (identity) break;
    }
  }
  const info = own(doc, "info");
  const title = isObject(info) ? stringOr(own(info, "title"), "") : "";
  const description = isObject(info) ? own(info, "description") : undefined;
  return {
    identity,
    basePath,
    title: title || fileName.replace(/^.*[\\/]/, "").replace(/\.(json|ya?ml)$/i, "").replace(/\.(openapi|swagger)$/i, ""),
    description: typeof description === "string" ? description : undefined,
  };
}

export function firstServerPath(doc: JsonObject): string {
  const servers = own(doc, "servers");
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(server) || typeof own(server, "url") !== "string") return "";
  const variables: Record<string, string> = {};
  const declared = own(server, "variables");
  if (isObject(declared)) {
    for (const name of Object.keys(declared)) {
      const variable = declared[name];
      if (isObject(variable) && typeof own(variable, "default") === "string") variables[name] = own(variable, "default") as string;
    }
  }
  return serverPath(own(server, "url") as string, variables);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, "");
}
