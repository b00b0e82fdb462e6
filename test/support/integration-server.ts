/**
 * A stand-in for an OIC instance serving one REST-triggered integration (ORDERS 1.0) on loopback. Every
 * call must carry a bearer token that jose verifies like OIC would: RS256 signature from the identity
 * domain's keys, issuer `https://identity.oraclecloud.com/`, the instance as audience, the
 * `<aud>urn:opc:resource:consumer::all` scope, not expired. It can be told to answer 401 to valid tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";

export const ORDERS_BASE = "/ic/api/integration/v1/flows/rest/ORDERS/1.0";

export interface IntegrationServerOptions {
  /** The identity domain's public keys. */
  jwks: JSONWebKeySet;
  issuer?: string;
  port?: number;
}

export interface IntegrationCall {
  method: string;
  path: string;
  /** `sub` of the verified token: who OIC would run the integration as. */
  subject: string;
  body?: unknown;
}

export interface IntegrationServer {
  /** Instance URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The audience tokens must carry: `http://127.0.0.1:<port>` (OIC: `https://<host>:443`). */
  readonly audience: string;
  /** The scope tokens must carry. */
  readonly scope: string;
  readonly counts: { requests: number; accepted: number; rejected: number };
  /** Successful calls, in order. */
  readonly calls: IntegrationCall[];
  /** Answer the next `n` requests with 401 even when their token is valid. */
  rejectNext(n?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startIntegrationServer(options: IntegrationServerOptions): Promise<IntegrationServer> {
  const keys = createLocalJWKSet(options.jwks);
  const issuer = options.issuer ?? "https://identity.oraclecloud.com/";
  const counts = { requests: 0, accepted: 0, rejected: 0 };
  const calls: IntegrationCall[] = [];
  let forced401 = 0;
  let audience = "";

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { title: "Internal error" }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.requests += 1;
    const body = await readBody(req);
    const subject = await verify(req.headers.authorization);
    if (subject === undefined || forced401 > 0) {
      if (subject !== undefined) forced401 -= 1;
      counts.rejected += 1;
      res.setHeader("WWW-Authenticate", 'Bearer error="invalid_token"');
      return send(res, 401, {
        type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        title: "Unauthorized",
        status: 401,
      });
    }
    counts.accepted += 1;
    const url = new URL(req.url ?? "/", audience);
    const order = new RegExp(`^${ORDERS_BASE}/orders/([^/]+)$`).exec(url.pathname);
    if (req.method === "GET" && order) {
      calls.push({ method: "GET", path: url.pathname, subject });
      return send(res, 200, { orderId: decodeURIComponent(order[1]!), status: "OPEN", calledBy: subject });
    }
    if (req.method === "POST" && url.pathname === `${ORDERS_BASE}/orders`) {
      const parsed = body ? (JSON.parse(body) as unknown) : undefined;
      calls.push({ method: "POST", path: url.pathname, subject, body: parsed });
      return send(res, 200, { received: parsed, calledBy: subject });
    }
    return send(res, 404, { title: "Not Found", status: 404 });
  }

  async function verify(header: string | undefined): Promise<string | undefined> {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header ?? "");
    if (!match) return undefined;
    try {
      const { payload } = await jwtVerify(match[1]!, keys, {
        issuer,
        audience,
        algorithms: ["RS256"],
        requiredClaims: ["exp", "sub"],
      });
      const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
      if (!scopes.includes(`${audience}urn:opc:resource:consumer::all`)) return undefined;
      return payload.sub;
    } catch {
      return undefined;
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  audience = `http://127.0.0.1:${port}`;

  return {
    url: audience,
    audience,
    scope: `${audience}urn:opc:resource:consumer::all`,
    counts,
    calls,
    rejectNext(n = 1) {
      forced401 = n;
    },
    reset() {
      counts.requests = counts.accepted = counts.rejected = 0;
      calls.length = 0;
      forced401 = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}
