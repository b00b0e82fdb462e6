import { isOicHttpError, type OicClient } from "@oic-gen/runtime";
import { boundedGet } from "./bounded-get.js";
import type { IntegrationItem } from "./list-integrations.js";
import type { PullLimits } from "./pull-limits.js";
import { readSpecDocument, type SpecDocument } from "./spec-document.js";

/**
 * `endPointURI + /openapi`, falling back to `/swagger` on a 404 (older instances serve only Swagger 2.0).
 * Each answer is bounded (size, time) and must be an OpenAPI or Swagger document.
 */
export async function fetchSpec(
  client: OicClient,
  item: IntegrationItem,
  limits: PullLimits,
  signal: AbortSignal,
): Promise<SpecDocument> {
  // The list may name the design-time host; the path is the same on the instance we talk to.
  const metadata = new URL(item.endPointURI!).pathname.replace(/\/+$/, "");
  for (const kind of ["openapi", "swagger"] as const) {
    try {
      return readSpecDocument(await boundedGet(client, { path: `${metadata}/${kind}`, limits, signal }));
    } catch (error) {
      if (kind === "openapi" && isOicHttpError(error) && error.status === 404) continue;
      throw error;
    }
  }
  throw new Error("unreachable");
}
