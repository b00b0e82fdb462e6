import { safeDecode } from "../load/json-walk.js";
import type { OicIdentity } from "./types.js";

// /ic/api/integration/v1/flows/rest/CODE/1.0 and /ic/api/integration/v2/flows/rest/project/PRJ/CODE/1.0;
// the adapter segment varies (rest, oracleutilities, ...).
// Versions are a few digits (OIC drops leading zeros: 01.00 → 1.0); longer runs are not an OIC version.
const FLOWS = /\/flows\/([^/]+)\/(?:project\/([^/]+)\/)?([^/]+)\/(\d{1,4}\.\d{1,4})(?=\/|$)/;
// Gen1: /integration/flowapi/rest/CODE/v01
const FLOWAPI = /\/integration\/flowapi\/([^/]+)\/([^/]+)\/v(\d{1,4})(?=\/|$)/;

const decode = (segment: string) => safeDecode(segment, segment);

/** Reads code, version and project from a full path (server path + operation path). */
export function identityFromPath(path: string): { identity: OicIdentity; prefixEnd: number } | undefined {
  const flows = FLOWS.exec(path);
  if (flows) {
    return {
      identity: {
        adapter: decode(flows[1]!),
        project: flows[2] ? decode(flows[2]) : null,
        code: decode(flows[3]!),
        version: flows[4]!,
      },
      prefixEnd: flows.index + flows[0].length,
    };
  }
  const gen1 = FLOWAPI.exec(path);
  if (gen1) {
    return {
      identity: { adapter: decode(gen1[1]!), project: null, code: decode(gen1[2]!), version: `${Number(gen1[3])}.0` },
      prefixEnd: gen1.index + gen1[0].length,
    };
  }
  return undefined;
}

/** The path part of a server URL (`https://host/ic/api/...` or `/ic/api/...`), variables replaced by defaults. */
export function serverPath(url: string, variables: Record<string, string> = {}): string {
  const expanded = url.replace(/\{([^}]+)\}/g, (_, name: string) => variables[name] ?? "");
  let path: string;
  try {
    path = new URL(expanded, "http://placeholder.invalid").pathname;
  } catch {
    path = "";
  }
  return path.replace(/\/+$/, "");
}
