/**
 * The loopback redirect of `oic-gen login`, answering the browser only once the CLI knows the outcome: the
 * runtime's loopback login tells the tab "You are signed in" as soon as the callback arrives, before the code
 * is exchanged, so a wrong client secret showed success in the browser while the terminal failed. Here the
 * callback's answer is held until `finish()` is called with what really happened.
 */
import { createServer, type ServerResponse } from "node:http";
import { openSystemBrowser, type CustomLogin } from "@oic-gen/runtime/node";
import { CommandError } from "../cli/command-error.js";
import { printableInline } from "../cli/terminal-text.js";

export interface HeldLoopbackLogin {
  /** Pass as the `login` of `authorizationCode`: listens, opens the browser, resolves with the callback URL. */
  login: CustomLogin;
  /** Answers the browser tab with the outcome (a no-op when no callback came) and stops listening. */
  finish(outcome: { ok: true; text: string } | { ok: false; text: string }): Promise<void>;
}

export function heldLoopbackLogin(options: {
  redirectUri: string;
  openBrowser?: (url: URL) => void | Promise<void>;
}): HeldLoopbackLogin {
  const redirect = URL.canParse(options.redirectUri) ? new URL(options.redirectUri) : undefined;
  // RFC 8252: an http URL on a loopback address with the port registered in the application.
  if (
    redirect?.protocol !== "http:" ||
    !["127.0.0.1", "localhost", "[::1]"].includes(redirect.hostname) ||
    redirect.port === ""
  ) {
    throw new CommandError(
      `the redirect URL ${JSON.stringify(options.redirectUri)} cannot be listened on by oic-gen login`,
      [
        "It must be http://127.0.0.1:<port>/callback (or localhost, or [::1]) with the port registered in the confidential application.",
      ],
    );
  }
  const host = redirect.hostname === "[::1]" ? "::1" : "127.0.0.1";
  const port = Number(redirect.port);
  let held: ServerResponse | undefined;
  const server = createServer();
  // Browsers keep connections open; they must not keep the process alive once the page is answered.
  server.keepAliveTimeout = 1000;

  const login: CustomLogin = ({ authorizationUrl, state, signal }) =>
    new Promise<URL>((resolve, reject) => {
      server.on("request", (req, res) => {
        const url = new URL(req.url ?? "/", redirect.origin);
        if (held || url.pathname !== redirect.pathname || req.method !== "GET")
          return page(res, 404, "Not found", "There is nothing here.");
        if (url.searchParams.get("state") !== state)
          return page(
            res,
            400,
            "Unexpected sign-in response",
            "This response does not belong to the sign-in in progress. Return to the terminal and try again.",
          );
        held = res;
        resolve(url);
      });
      server.once("error", (error: NodeJS.ErrnoException) => reject(portError(error, host, port)));
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      server.listen({ host, port, exclusive: true }, () => {
        Promise.resolve((options.openBrowser ?? openSystemBrowser)(authorizationUrl)).catch(reject);
      });
    });

  return {
    login,
    async finish(outcome) {
      if (held)
        page(
          held,
          outcome.ok ? 200 : 400,
          outcome.ok ? "Signed in" : "Sign-in failed",
          `${outcome.text} You can close this tab and return to the terminal.`,
        );
      held = undefined;
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/** Two logins (or a login and another program) on one machine: say which port and how to choose another. */
function portError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code !== "EADDRINUSE" && error.code !== "EACCES") return error;
  return new CommandError(
    `the login's redirect port ${host}:${port} ${error.code === "EADDRINUSE" ? "is already in use (another oic-gen login, or another program)" : "may not be used by this user"}`,
    [
      "Finish or stop the other login, or choose another port: --redirect-uri http://127.0.0.1:<port>/callback (or redirectUri in oic-gen.config.json).",
      "The URL must be registered in the confidential application; the sandbox registers extra ones with oic-gen sandbox --redirect-uri.",
    ],
  );
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = (value: string) => printableInline(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'",
    Connection: "close",
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head><body><h1>${html(title)}</h1><p id="outcome">${html(text)}</p></body></html>`,
  );
}
