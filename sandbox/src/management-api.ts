/**
 * The part of OIC's Developer (management) API that lists integrations, shaped like a real gen3
 * `GET /ic/api/integration/v1/integrations/{id}` answer (`test/fixtures/oic/integration-resource.gen3.json`):
 * `GET /ic/api/integration/v1/integrations` (and `projects/{projectId}/integrations`) with `limit`/`offset`
 * paging, `q={status:'...'}` filtering and `orderBy=name|time`, and `GET .../integrations/{CODE%7CVERSION}`.
 */
import { safeDecode, type HostedIntegration } from "oic-gen/sandbox-support";

const API = "/ic/api/integration/v1";
const DEFAULT_LIMIT = 100;

export interface ManagementContext {
  integrations: readonly HostedIntegration[];
  /** `CODE|01.00.0000` → status; ACTIVATED when absent. */
  statuses: Readonly<Record<string, string>>;
  instanceUrl: string;
  /** Gen3 service-instance name: when set, `?integrationInstance=` must name it. */
  integrationInstance: string | undefined;
}

export interface ManagementAnswer {
  status: number;
  body: unknown;
}

/** The status an integration is reported with (and whether its endpoints are served). */
export function statusOf(context: Pick<ManagementContext, "statuses">, integration: HostedIntegration): string {
  return context.statuses[`${integration.code}|${integration.version}`] ?? "ACTIVATED";
}

/** Answers a management request, or returns undefined when `url` is not one. */
export function managementRequest(context: ManagementContext, method: string, url: URL): ManagementAnswer | undefined {
  const path = url.pathname;
  if (!path.startsWith(`${API}/`)) return undefined;
  const route = /^\/ic\/api\/integration\/v1\/(?:projects\/([^/]+)\/)?integrations(?:\/([^/]+))?\/?$/.exec(path);
  if (!route)
    return path.startsWith(`${API}/flows/`) ? undefined : problem(404, "Not Found", `no such resource: ${path}`);
  if (method !== "GET") return problem(405, "Method Not Allowed", `${method} is not supported here`);
  const instance = url.searchParams.get("integrationInstance");
  if (context.integrationInstance !== undefined) {
    if (instance === null)
      return problem(
        400,
        "Bad Request",
        "the integrationInstance query parameter is required (the name of the Integration service instance)",
      );
    if (instance !== context.integrationInstance)
      return problem(404, "Not Found", `unknown integration instance ${instance}`);
  }
  const project = route[1] === undefined ? undefined : safeDecode(route[1], route[1]);
  const listed = context.integrations.filter(
    (integration) => integration.code !== null && (project === undefined || integration.project === project),
  );
  if (route[2] !== undefined) {
    const id = safeDecode(route[2], route[2]);
    const found = listed.find((integration) => `${integration.code}|${integration.version}` === id);
    return found
      ? { status: 200, body: integrationResource(context, found) }
      : problem(404, "Not Found", `integration ${id} was not found`);
  }
  return listIntegrations(context, listed, url.searchParams, project !== undefined);
}

function listIntegrations(
  context: ManagementContext,
  listed: HostedIntegration[],
  query: URLSearchParams,
  projectScoped: boolean,
): ManagementAnswer {
  const limit = integerParam(query.get("limit"), DEFAULT_LIMIT);
  const offset = integerParam(query.get("offset"), 0);
  if (limit === undefined || offset === undefined)
    return problem(400, "Bad Request", "limit and offset must be non-negative integers");
  const q = query.get("q");
  let wantedStatus: string | undefined;
  if (q !== null) {
    const match = /status\s*:\s*['"]?([A-Za-z_]+)['"]?/.exec(q);
    if (!match) return problem(400, "Bad Request", `unsupported q expression: ${q}`);
    wantedStatus = match[1]!.toUpperCase();
  }
  const orderBy = query.get("orderBy") ?? "name";
  if (orderBy !== "name" && orderBy !== "time") return problem(400, "Bad Request", "orderBy must be name or time");
  const matching = listed
    .filter((integration) => wantedStatus === undefined || statusOf(context, integration) === wantedStatus)
    .sort((a, b) =>
      orderBy === "time"
        ? b.lastUpdated.getTime() - a.lastUpdated.getTime() || idOf(a).localeCompare(idOf(b))
        : a.name.localeCompare(b.name) || idOf(a).localeCompare(idOf(b)),
    );
  const page = matching.slice(offset, offset + limit);
  const hasMore = offset + page.length < matching.length;
  const items = page.map((integration) => integrationResource(context, integration));
  // Project endpoints are documented with hyphenated envelope names; clients must accept both spellings.
  const envelope = projectScoped
    ? { "has-more": hasMore, "total-results": matching.length, limit, offset, count: items.length }
    : { hasMore, totalResults: matching.length, limit, offset, count: items.length };
  return {
    status: 200,
    body: { ...envelope, items, links: [{ href: `${context.instanceUrl}${API}/integrations`, rel: "self" }] },
  };
}

/** One integration, with the fields and layout of the real gen3 resource. */
export function integrationResource(
  context: ManagementContext,
  integration: HostedIntegration,
): Record<string, unknown> {
  const id = idOf(integration);
  const status = statusOf(context, integration);
  const suffix =
    context.integrationInstance === undefined
      ? ""
      : `?integrationInstance=${encodeURIComponent(context.integrationInstance)}`;
  const self = `${context.instanceUrl}${API}/integrations/${encodeURIComponent(id)}${suffix}`;
  const connection = `${context.instanceUrl}${API}/connections/SANDBOX_REST_TRIGGER${suffix}`;
  const metadata = integration.prefix ? `${context.instanceUrl}${integration.prefix}/metadata` : undefined;
  const stamp = oicTimestamp(integration.lastUpdated);
  return {
    activationStatus:
      status === "ACTIVATED" ? "ACTIVATION_SUCCEEDED" : status === "FAILEDACTIVATION" ? "ACTIVATION_FAILED" : "NONE",
    code: integration.code,
    compatible: true,
    created: stamp,
    createdBy: "sandbox@example.com",
    description: integration.description ?? "",
    endPointURI: metadata,
    endPoints: [
      {
        connection: {
          agentRequired: false,
          agentSupported: false,
          id: "SANDBOX_REST_TRIGGER",
          links: [
            { href: connection, rel: "self" },
            { href: connection, rel: "canonical" },
          ],
          privateEndpoint: false,
          privateEndpointSupported: false,
          testStatus: false,
        },
        name: "Trigger",
        role: "SOURCE",
      },
    ],
    id,
    keywords: "",
    lastUpdated: stamp,
    lastUpdatedBy: "sandbox@example.com",
    links: [
      { href: self, rel: "self" },
      { href: self, rel: "canonical" },
    ],
    lockedFlag: false,
    name: integration.name,
    ...(integration.project ? { projectCode: integration.project } : {}),
    pattern: "Orchestration",
    patternDescription: "Orchestration",
    percentageComplete: 100,
    projectType: "DEVELOPED",
    status,
    style: "FREEFORM",
    styleDescription: "Orchestration",
    ...(metadata && status === "ACTIVATED" ? { submitNowURI: metadata } : {}),
    tracingEnabledFlag: false,
    trackingVariables: [],
    version: integration.version,
  };
}

export function idOf(integration: HostedIntegration): string {
  return `${integration.code}|${integration.version}`;
}

/** OIC writes `2025-08-06T08:23:54.159+0000`. */
export function oicTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+0000");
}

function integerParam(value: string | null, fallback: number): number | undefined {
  if (value === null || value === "") return fallback;
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

function problem(status: number, title: string, detail: string): ManagementAnswer {
  return { status, body: { type: `https://www.rfc-editor.org/rfc/rfc9110#status.${status}`, title, detail, status } };
}
