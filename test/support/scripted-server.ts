/**
 * A loopback HTTP server whose answers each test scripts: faults, throttling, hanging, malformed bodies,
 * byte streams. It records what reached it (method, path, the Authorization header) so tests can check what
 * was, and was not, sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Answers one request. What it returns is ignored, except that a rejected promise answers 500. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface SeenRequest {
  method: string;
  /** Path and query as received (not normalised). */
  url: string;
  authorization: string | undefined;
}

export interface ScriptedServer {
  /** e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  readonly host: string;
  readonly seen: SeenRequest[];
  /** Requests whose answer has not ended yet. */
  readonly inFlight: number;
  /** Highest `inFlight` so far. */
  readonly peakInFlight: number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startScriptedServer(handler: Handler = (_, res) => void res.end()): Promise<ScriptedServer> {
  let current = handler;
  const seen: SeenRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    res.once("close", () => (inFlight -= 1));
    Promise.resolve(current(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    seen,
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peak;
    },
    handle(next) {
      current = next;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Answers JSON with `status` and optional headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A loopback port that was just bound and closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
