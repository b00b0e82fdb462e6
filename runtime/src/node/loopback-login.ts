import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { OicError } from "../errors.js";
import { isLoopbackHost } from "../loopback-host.js";

/** Options of {@link receiveLoopbackCallback}. */
export interface LoopbackCallbackOptions {
  /** The registered redirect URL, e.g. `http://127.0.0.1:8765/callback`: loopback host and fixed port. */
  redirectUri: string;
  /** The `state` the accepted callback must carry. */
  state: string;
  /** Called once the listener is up, to send the user to the identity domain. */
  onListening: () => void | Promise<void>;
  /** Give up after this long (ms; `Infinity` when `signal` decides). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The parts of a loopback redirect URL the listener needs. */
export interface LoopbackAddress {
  host: string;
  port: number;
  path: string;
}

/** Checks that `redirectUri` is a loopback http URL with an explicit port (RFC 8252 section 7.3). */
export function parseLoopbackRedirect(redirectUri: string): LoopbackAddress {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new OicError("OIC_CONFIGURATION", `redirectUri is not a URL: ${JSON.stringify(redirectUri)}`);
  }
  if (url.protocol !== "http:" || !isLoopbackHost(url.hostname)) {
    throw new OicError(
      "OIC_CONFIGURATION",
      `a loopback login needs an http redirect URL on 127.0.0.1, [::1] or localhost, got ${url.origin}`,
    );
  }
  if (url.port === "") {
    throw new OicError(
      "OIC_CONFIGURATION",
      "the loopback redirect URL must carry the port registered with the identity domain, e.g. http://127.0.0.1:8765/callback",
    );
  }
  // Listen on the IP literal: "localhost" may resolve to an address the browser does not use.
  const host = url.hostname === "[::1]" || url.hostname === "::1" ? "::1" : "127.0.0.1";
  return { host, port: Number(url.port), path: url.pathname };
}

/**
 * Listens on the redirect URL's loopback address and resolves with the first callback on the expected
 * path that carries the expected `state` (RFC 8252). Callbacks with another state are answered 400 and
 * ignored (a stale tab or a forged request must not end or hijack the login); other paths get 404.
 * The accepted callback gets a short page saying the tab can be closed. Rejects with `OIC_LOGIN_TIMEOUT`
 * or `OIC_ABORTED`. The listener is always closed before this settles.
 */
export async function receiveLoopbackCallback(options: LoopbackCallbackOptions): Promise<URL> {
  const address = parseLoopbackRedirect(options.redirectUri);
  const origin = new URL(options.redirectUri).origin;
  if (options.signal?.aborted) throw new OicError("OIC_ABORTED", "the login was aborted");

  let settle!: { resolve: (url: URL) => void; reject: (error: OicError) => void };
  const outcome = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  let accepted = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    if (accepted || url.pathname !== address.path) return answer(res, 404, "Not found", "There is nothing here.");
    if (req.method !== "GET")
      return answer(res, 405, "Method not allowed", "The sign-in callback must be a GET request.");
    if (url.searchParams.get("state") !== options.state) {
      return answer(
        res,
        400,
        "Unexpected sign-in response",
        "This response does not belong to the sign-in in progress. Return to the application and try again.",
      );
    }
    accepted = true;
    const failed = url.searchParams.has("error");
    answer(
      res,
      200,
      failed ? "Sign-in failed" : "Signed in",
      failed
        ? "The identity domain reported an error. You can close this tab and return to the application."
        : "You are signed in. You can close this tab and return to the application.",
      () => settle.resolve(url),
    );
  });
  // Browsers keep connections open; they must not keep the listener (or the process) alive.
  server.keepAliveTimeout = 1000;

  const onAbort = () => settle.reject(new OicError("OIC_ABORTED", "the login was aborted"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const timer =
    options.timeoutMs === Infinity
      ? undefined
      : setTimeout(
          () =>
            settle.reject(
              new OicError(
                "OIC_LOGIN_TIMEOUT",
                `nobody completed the sign-in within ${Math.round(options.timeoutMs / 1000)} s`,
              ),
            ),
          options.timeoutMs,
        );
  try {
    await listen(server, address);
    await options.onListening();
    return await outcome;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    await close(server);
  }
}

function listen(server: ReturnType<typeof createServer>, address: LoopbackAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE" ? "is already in use" : `cannot be listened on (${error.code ?? "error"})`;
      reject(new OicError("OIC_LOGIN_FAILED", `the loopback redirect port ${address.host}:${address.port} ${reason}`));
    });
    server.listen({ host: address.host, port: address.port, exclusive: true }, () => resolve());
  });
}

function close(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function answer(
  res: ServerResponse<IncomingMessage>,
  status: number,
  title: string,
  text: string,
  done?: () => void,
): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'",
    Connection: "close",
  });
  res.end(body, done);
}
