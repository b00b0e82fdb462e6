import { invoke, type OicClient } from "@oic-gen/runtime";

/** One item of OIC's integrations list, the fields pull relies on. */
export interface IntegrationItem {
  /** `CODE|01.00.0002`. */
  id: string;
  code: string;
  version: string;
  name?: string;
  status?: string;
  /** The `.../metadata` URL of a REST trigger. */
  endPointURI?: string;
}

interface Page {
  items?: IntegrationItem[];
  hasMore?: boolean;
  "has-more"?: boolean;
  totalResults?: number;
  "total-results"?: number;
}

export interface ListOptions {
  project?: string;
  integrationInstance?: string;
  pageSize: number;
  signal?: AbortSignal;
}

/**
 * Every ACTIVATED integration, across all pages (`limit`/`offset`, `hasMore`; the project endpoints spell it
 * `has-more`). Only REST triggers can be generated: their `endPointURI` contains `/flows/rest/`.
 */
export async function listRestIntegrations(client: OicClient, options: ListOptions): Promise<IntegrationItem[]> {
  const path = options.project ? "/ic/api/integration/v1/projects/{projectId}/integrations" : "/ic/api/integration/v1/integrations";
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1) throw new RangeError(`page size must be a whole number of at least 1, got ${options.pageSize}`);
  const found: IntegrationItem[] = [];
  // The server may cap `limit`: move on by what it returned, and stop only on an empty page or hasMore: false.
  for (let offset = 0; ; ) {
    const query: Record<string, string | number> = { limit: options.pageSize, offset, q: "{status:'ACTIVATED'}" };
    if (options.integrationInstance) query.integrationInstance = options.integrationInstance;
    const page = await invoke<Page>(
      client,
      { method: "GET", path, accept: "application/json", responseAs: "json" },
      { path: options.project ? { projectId: options.project } : undefined, query, signal: options.signal },
    );
    const items = Array.isArray(page?.items) ? page.items : [];
    // A server that ignores `offset` would repeat a page forever: stop when a page brings nothing new.
    if (items.length > 0 && items.every((item) => found.some((seen) => seen.id === item.id))) break;
    found.push(...items);
    offset += items.length;
    const more = page?.hasMore ?? page?.["has-more"];
    const total = page?.totalResults ?? page?.["total-results"];
    if (items.length === 0 || more === false || (more === undefined && total !== undefined && found.length >= total)) break;
  }
  return found.filter((item) => (item.status ?? "ACTIVATED") === "ACTIVATED" && typeof item.endPointURI === "string" && item.endPointURI.includes("/flows/rest/"));
}
