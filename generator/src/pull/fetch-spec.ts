import { invoke, isOicHttpError, type OicClient } from "@oic-gen/runtime";
import type { IntegrationItem } from "./list-integrations.js";

export interface FetchedSpec {
  kind: "openapi" | "swagger";
  /** The document, pretty-printed for stable diffs. */
  text: string;
}

/** `endPointURI + /openapi`, falling back to `/swagger` on a 404 (older instances serve only Swagger 2.0). */
export async function fetchSpec(client: OicClient, item: IntegrationItem, signal?: AbortSignal): Promise<FetchedSpec> {
  // The list may name the design-time host; the path is the same on the instance we talk to.
  const metadata = new URL(item.endPointURI!).pathname.replace(/\/+$/, "");
  for (const kind of ["openapi", "swagger"] as const) {
    try {
      const text = await invoke<string>(client, { method: "GET", path: `${metadata}/${kind}`, accept: "application/json", responseAs: "text" }, { signal });
      return { kind, text: `${JSON.stringify(JSON.parse(text), null, 2)}\n` };
    } catch (error) {
      if (kind === "openapi" && isOicHttpError(error) && error.status === 404) continue;
      throw error;
    }
  }
  throw new Error("unreachable");
}
