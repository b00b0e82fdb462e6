/**
 * A stand-in for an OIC instance on loopback (node:http): every operation of every spec at its OIC URL
 * (gen2 `/v1/flows/rest/CODE/VER/...`, gen3 `/v2/flows/rest/project/P/CODE/VER/...`), the endpoint metadata
 * (`.../metadata`, `/metadata/swagger`, `/metadata/openapi`) and the management API's integration list.
 * Every request needs a bearer token that jose verifies, and a user with the role OIC asks for (`roles`);
 * answers carry the caller's `sub` in `X-Oic-User`. OIC's limits on demand: more than `maxConcurrent`
 * integration calls at once get 429, a call slower than `syncTimeoutMs` gets the synchronous timeout's 504,
 * and the `X-Oic-Sandbox-Fault` header asks for a fault or a delay (see oic-faults.ts). Specs are read again
 * when their files change (checked on each request), or on `reload()`; `onReload` hears of each reload.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mediaKind } from "@oic-gen/runtime/internal";
import type { JSONWebKeySet } from "jose";
import { inputsFingerprint, loadIntegrations, type Operation, type HostedIntegration } from "oic-gen/sandbox-support";
import { readBody } from "./http-util.js";
import { FAULT_HEADER, forbidden, readFaultHeader, syncTimeout, throttled, type FaultAnswer } from "./oic-faults.js";
import { hasRole, type OicRole } from "./roles.js";
import { managementRequest, statusOf, type ManagementContext } from "./management-api.js";
import { metadataPage } from "./metadata-page.js";
import { operationResponse } from "./responses.js";
import { tokenVerifier } from "./verify-token.js";

export interface OicStandInOptions {
  specs: readonly string[];
  jwks: JSONWebKeySet;
  issuer: string;
  host?: string;
  port?: number;
  integrationInstance?: string;
  /** `CODE|01.00.0000` → status (default ACTIVATED); only ACTIVATED integrations serve their endpoints. */
  statuses?: Record<string, string>;
  /** The clock token expiry is checked against. Default the system clock. */
  now?: () => Date;
  /** Token subject → role on the instance (`null`: none, 403). Without it, roles are not checked. */
  roles?: Readonly<Record<string, OicRole | null>>;
  /** Integration calls in flight at most; more get 429 (OIC: 100 per message pack). Default 100. */
  maxConcurrent?: number;
  /** OIC's synchronous timeout, in ms (300 s on OIC; scaled down for tests). Default 300 000. */
  syncTimeoutMs?: number;
  /** Called after each reload of changed specs. */
  onReload?: (event: ReloadEvent) => void;
}

/** A reload of changed specs: how many integrations are served now, or why the previous ones stay served. */
export interface ReloadEvent {
  integrations: number;
  problems: readonly string[];
}

export interface OicCall {
  method: string;
  /** Path and query as requested. */
  path: string;
  /** `sub` of the verified token, `""` when the request was turned away for its token. */
  user: string;
  status: number;
}

export interface OicStandIn {
  /** `http://127.0.0.1:<port>`: the instance URL and the audience tokens must carry. */
  readonly url: string;
  readonly integrations: () => readonly HostedIntegration[];
  readonly calls: OicCall[];
  /** Problems of the last reload that failed (the previous specs stay served), or empty. */
  readonly problems: () => readonly string[];
  reload(): Promise<void>;
  close(): Promise<void>;
}

interface Route {
  integration: HostedIntegration;
  operation: Operation;
  pattern: RegExp;
  literals: number;
}

export async function startOicStandIn(options: OicStandInOptions): Promise<OicStandIn> {
  const host = options.host ?? "127.0.0.1";
  let integrations = await loadIntegrations(options.specs);
  let fingerprint = await inputsFingerprint(options.specs);
  let routes = buildRoutes(integrations);
  let problems: string[] = [];
  let refreshing: Promise<void> | undefined;
  const calls: OicCall[] = [];
  const statuses = options.statuses ?? {};
  const maxConcurrent = options.maxConcurrent ?? 100;
  const syncTimeoutMs = options.syncTimeoutMs ?? 300_000;
  let inFlight = 0;
  let url = "";
  let verify: ReturnType<typeof tokenVerifier>;

  async function reload(): Promise<void> {
    const next = await inputsFingerprint(options.specs);
    try {
      integrations = await loadIntegrations(options.specs);
      routes = buildRoutes(integrations);
      problems = [];
    } catch (error) {
      problems = String((error as Error).message).split("\n");
    }
    fingerprint = next;
    options.onReload?.({
      integrations: integrations.filter((integration) => integration.code !== null).length,
      problems,
    });
  }

  /** Reloads when a spec file changed since the last load; concurrent requests share one check. */
  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      try {
        if ((await inputsFingerprint(options.specs)) !== fingerprint) await reload();
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  const served = () =>
    integrations.filter(
      (integration) => integration.code === null || statusOf({ statuses }, integration) === "ACTIVATED",
    );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    await refresh();
    const method = req.method ?? "GET";
    const target = new URL(req.url ?? "/", url);
    const management = target.pathname.startsWith("/ic/api/integration/v1/") && !target.pathname.includes("/flows/");
    const metadata = /\/metadata(\/(swagger|openapi))?\/?$/.exec(target.pathname);
    const verified = await verify(req.headers.authorization, management || metadata ? "management" : "integration");
    const record = (status: number, user: string) =>
      calls.push({ method, path: `${target.pathname}${target.search}`, user, status });
    if (!verified.ok) {
      record(401, "");
      res.setHeader("WWW-Authenticate", `Bearer error="invalid_token", error_description="${verified.description}"`);
      return send(res, 401, {
        type: "https://www.rfc-editor.org/rfc/rfc9110#status.401",
        title: "Unauthorized",
        detail: verified.description,
        status: 401,
      });
    }
    res.setHeader("X-Oic-User", verified.subject);
    const answer = (status: number, payload?: unknown, contentType?: string) => {
      record(status, verified.subject);
      send(res, status, payload, contentType);
    };
    const fail = (fault: FaultAnswer) => {
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
      answer(fault.status, fault.body);
    };
    const role = options.roles?.[verified.subject];
    const needed: OicRole = management || metadata ? "ServiceUser" : "ServiceInvoker";
    if (options.roles && !hasRole(role, needed)) {
      return fail(
        forbidden(
          `The user ${verified.subject} does not have the ${needed} role (or higher) on this instance${role ? `: ${role} is not enough` : ""}.`,
        ),
      );
    }
    const asked = readFaultHeader(req.headers[FAULT_HEADER], syncTimeoutMs);
    if (asked.invalid)
      return answer(400, {
        type: "https://www.rfc-editor.org/rfc/rfc9110#status.400",
        title: "Bad Request",
        detail: `unknown X-Oic-Sandbox-Fault value ${JSON.stringify(asked.invalid)}`,
        status: 400,
      });
    if (!management && !metadata) {
      // OIC's limits apply to integration calls: concurrency per message pack, and the synchronous timeout.
      if (inFlight >= maxConcurrent) return fail(throttled(maxConcurrent));
      inFlight += 1;
      try {
        if (asked.delayMs > 0) await delay(Math.min(asked.delayMs, syncTimeoutMs));
        if (asked.delayMs >= syncTimeoutMs) return fail(syncTimeout(syncTimeoutMs));
        if (asked.fault) return fail(asked.fault);
        return await answerOperation(req, res, target, method, body, answer, verified.subject);
      } finally {
        inFlight -= 1;
      }
    }
    if (asked.delayMs > 0) await delay(asked.delayMs);
    if (asked.fault) return fail(asked.fault);

    if (management) {
      const result = managementRequest(managementContext(), method, target);
      if (result) return answer(result.status, result.body);
    }
    if (metadata && method === "GET") {
      const prefix = target.pathname.slice(0, metadata.index);
      const integration = served().find((candidate) => candidate.prefix === prefix);
      if (integration) {
        if (metadata[2] === undefined) return answer(200, metadataPage(integration, url), "text/html; charset=utf-8");
        const document = metadata[2] === "swagger" ? integration.swagger : integration.openapi;
        if (document) return answer(200, JSON.stringify(document, null, 2), "application/json");
        return answer(
          404,
          notFound(`${integration.code} ${integration.urlVersion} has no Swagger 2.0 document; use /metadata/openapi`),
        );
      }
    }

    return answerOperation(req, res, target, method, body, answer, verified.subject);
  }

  /** An integration call: the operation's generated answer, or 404/405/400 as OIC gives them. */
  async function answerOperation(
    req: IncomingMessage,
    res: ServerResponse,
    target: URL,
    method: string,
    body: Buffer,
    answer: (status: number, payload?: unknown, contentType?: string) => void,
    subject: string,
  ): Promise<void> {
    const record = (status: number) =>
      calls.push({ method, path: `${target.pathname}${target.search}`, user: subject, status });
    const matches = routes.filter(
      (route) => route.pattern.test(target.pathname) && served().includes(route.integration),
    );
    const route = matches.find((candidate) => candidate.operation.method === method.toUpperCase());
    if (!route) {
      if (matches.length > 0) {
        res.setHeader("Allow", [...new Set(matches.map((match) => match.operation.method))].join(", "));
        return answer(405, {
          type: "https://www.rfc-editor.org/rfc/rfc9110#status.405",
          title: "Method Not Allowed",
          status: 405,
        });
      }
      return answer(404, notFound(`no activated integration serves ${target.pathname}`));
    }
    const contentType = req.headers["content-type"];
    if (
      contentType !== undefined &&
      mediaKind(contentType) === "json" &&
      body.length > 0 &&
      !isJson(body.toString("utf8"))
    ) {
      return answer(400, {
        type: "https://www.rfc-editor.org/rfc/rfc9110#status.400",
        title: "Bad Request",
        detail: "the request body is not valid JSON",
        status: 400,
      });
    }
    const response = operationResponse(route.integration.model, route.operation);
    record(response.status);
    res.writeHead(response.status, response.contentType ? { "Content-Type": response.contentType } : {});
    res.end(response.body);
  }

  function managementContext(): ManagementContext {
    return { integrations, statuses, instanceUrl: url, integrationInstance: options.integrationInstance };
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { title: "Internal Server Error", status: 500 }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  verify = tokenVerifier({ jwks: options.jwks, issuer: options.issuer, audience: url, now: options.now });

  return {
    url,
    integrations: () => integrations,
    calls,
    problems: () => problems,
    reload,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function buildRoutes(integrations: readonly HostedIntegration[]): Route[] {
  const routes: Route[] = [];
  for (const integration of integrations) {
    for (const operation of integration.operations) {
      const segments = operation.path.split("/");
      const source = segments
        .map((segment) => (/^\{[^}]+\}$/.test(segment) ? "[^/]+" : escapeRegExp(encodeURI(segment))))
        .join("/");
      routes.push({
        integration,
        operation,
        pattern: new RegExp(`^${source}/?$`),
        literals: segments.filter((segment) => !segment.startsWith("{")).length,
      });
    }
  }
  // `/orders/lines` wins over `/orders/{orderId}`.
  return routes.sort((a, b) => b.literals - a.literals);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function notFound(detail: string) {
  return { type: "https://www.rfc-editor.org/rfc/rfc9110#status.404", title: "Not Found", detail, status: 404 };
}

function send(res: ServerResponse, status: number, payload?: unknown, contentType = "application/json"): void {
  if (res.headersSent) return;
  if (payload === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { "Content-Type": contentType, "Cache-Control": "no-store" });
  res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
}
