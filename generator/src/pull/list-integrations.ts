import type { OicClient } from "@oic-gen/runtime";
import { boundedGet } from "./bounded-get.js";
import { PullFailure } from "./pull-failure.js";
import type { PullLimits } from "./pull-limits.js";

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
  items?: unknown;
  hasMore?: boolean;
  "has-more"?: boolean;
  totalResults?: number;
  "total-results"?: number;
}

export interface ListOptions {
  project?: string;
  integrationInstance?: string;
  pageSize: number;
  limits: PullLimits;
  /** The pull's overall deadline. */
  signal: AbortSignal;
}

/**
 * Every ACTIVATED integration, across all pages (`limit`/`offset`, `hasMore`; the project endpoints spell it
 * `has-more`). Only REST triggers can be generated: their `endPointURI` contains `/flows/rest/`. At most
 * `limits.maxPages` pages are asked for, and ids already seen are skipped in constant time each.
 */
export async function listRestIntegrations(client: OicClient, options: ListOptions): Promise<IntegrationItem[]> {
  const path = options.project
    ? "/ic/api/integration/v1/projects/{projectId}/integrations"
    : "/ic/api/integration/v1/integrations";
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1)
    throw new RangeError(`page size must be a whole number of at least 1, got ${options.pageSize}`);
  const found: IntegrationItem[] = [];
  const seen = new Set<string>();
  // The server may cap `limit`: move on by what it returned, and stop only on an empty page or hasMore: false.
  for (let offset = 0, pages = 0; ; ) {
    if (pages === options.limits.maxPages) {
      throw new PullFailure(
        `the instance still said hasMore after ${pages} pages of the integrations list (--max-pages ${options.limits.maxPages}); nothing was written`,
      );
    }
    pages += 1;
    const query: Record<string, string | number> = { limit: options.pageSize, offset, q: "{status:'ACTIVATED'}" };
    if (options.integrationInstance) query.integrationInstance = options.integrationInstance;
    const text = await boundedGet(client, {
      path,
      pathParams: options.project ? { projectId: options.project } : undefined,
      query,
      limits: options.limits,
      signal: options.signal,
    });
    const page = parsePage(text);
    const items = Array.isArray(page.items)
      ? page.items.map(readItem).filter((item): item is IntegrationItem => item !== undefined)
      : [];
    const fresh = items.filter((item) => !seen.has(item.id));
    // A server that ignores `offset` would repeat a page forever: stop when a page brings nothing new.
    if (items.length > 0 && fresh.length === 0) break;
    for (const item of fresh) seen.add(item.id);
    found.push(...fresh);
    offset += Array.isArray(page.items) ? page.items.length : 0;
    const more = page.hasMore ?? page["has-more"];
    const total = page.totalResults ?? page["total-results"];
    if (
      items.length === 0 ||
      more === false ||
      (more === undefined && typeof total === "number" && found.length >= total)
    )
      break;
  }
  return found.filter(
    (item) =>
      (item.status ?? "ACTIVATED") === "ACTIVATED" &&
      typeof item.endPointURI === "string" &&
      item.endPointURI.includes("/flows/rest/"),
  );
}

function parsePage(text: string): Page {
  try {
    const page = JSON.parse(text) as unknown;
    if (typeof page === "object" && page !== null && !Array.isArray(page)) return page as Page;
  } catch {
    // reported below
  }
  throw new PullFailure(
    "the integrations list is not a JSON object (is something else answering at the instance URL?)",
  );
}

/** Only the fields pull uses, and only when they have the types OIC gives them. */
function readItem(value: unknown): IntegrationItem | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const item = value as Record<string, unknown>;
  const text = (key: string) => (typeof item[key] === "string" ? (item[key] as string) : undefined);
  const code = text("code");
  const version = text("version");
  const id = text("id") ?? (code && version ? `${code}|${version}` : undefined);
  if (!id || !code || !version) return undefined;
  return { id, code, version, name: text("name"), status: text("status"), endPointURI: text("endPointURI") };
}
