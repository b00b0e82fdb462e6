// A web app that signs users in at an identity domain and calls an OIC integration as each of them.
// Plain Node `http`; the runtime calls are the same in Express, Fastify or a Web `Request` handler.
//
//   OIC_DOMAIN_URL=https://idcs-....identity.oraclecloud.com OIC_CLIENT_ID=... OIC_CLIENT_SECRET=... \
//   OIC_INSTANCE_URL=https://myinstance-...integration.ocp.oraclecloud.com PORT=3000 node examples/web-login/app.mjs
//
// Register http://127.0.0.1:3000/callback (or PUBLIC_URL + /callback) as the application's redirect URL.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import {
  authorizationCode,
  createOicClient,
  finishWebLogin,
  identityDomain,
  invoke,
  isLoginRequired,
  memoryTokenStore,
  oicScope,
  startWebLogin,
} from "@oic-gen/runtime";

// What `oic-gen` generates for one operation of the ORDERS integration.
const getOrder$ = { method: "GET", path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{orderId}", accept: "application/json", responseAs: "json" };
const getOrder = (client, options) => invoke(client, getOrder$, options);

/**
 * @param {{ domain: import("@oic-gen/runtime").IdentityDomain, instanceUrl: string, publicUrl: string }} options
 * @returns {import("node:http").Server}
 */
export function createWebLoginApp({ domain, instanceUrl, publicUrl }) {
  const redirectUri = new URL("/callback", publicUrl).href;
  const scope = ["openid", oicScope(instanceUrl)];
  const secureCookie = new URL(publicUrl).protocol === "https:";
  /** Server-side sessions: the browser only holds a random id. Use your framework's session store. */
  const sessions = new Map();

  function sessionOf(req, res) {
    const sid = /(?:^|;\s*)sid=([A-Za-z0-9_-]{32})/.exec(req.headers.cookie ?? "")?.[1];
    if (sid && sessions.has(sid)) return sessions.get(sid);
    const id = randomBytes(24).toString("base64url");
    // Per-user token store; the user's OicAuth never starts a login itself (login: "none").
    const store = memoryTokenStore();
    const auth = authorizationCode({ domain, scope, redirectUri, store, login: "none" });
    const session = { id, store, auth, client: createOicClient({ instanceUrl, auth }), user: undefined, pending: undefined };
    sessions.set(id, session);
    res.setHeader("Set-Cookie", `sid=${id}; Path=/; HttpOnly; SameSite=Lax${secureCookie ? "; Secure" : ""}`);
    return session;
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", publicUrl);
    const session = sessionOf(req, res);

    if (url.pathname === "/login") {
      const { url: authorizationUrl, pending } = await startWebLogin({ domain, scope, redirectUri });
      session.pending = { ...pending, returnTo: url.searchParams.get("returnTo") ?? "/" };
      return redirect(res, authorizationUrl.href);
    }

    if (url.pathname === "/callback") {
      const pending = session.pending;
      session.pending = undefined; // one use only
      try {
        const { claims } = await finishWebLogin({ domain, callback: req.url, pending, store: session.store });
        session.user = String(claims?.sub ?? "user");
      } catch (error) {
        return page(res, 400, "Sign-in failed", `<p id="error-code">${escapeHtml(error.code ?? "ERROR")}</p><p>${escapeHtml(error.message)}</p><a href="/login">Try again</a>`);
      }
      return redirect(res, safeReturnTo(pending?.returnTo));
    }

    const order = /^\/orders\/([\w-]{1,40})$/.exec(url.pathname);
    if (order) {
      if (!session.user) return redirect(res, `/login?returnTo=${encodeURIComponent(url.pathname)}`);
      try {
        const result = await getOrder(session.client, { path: { orderId: order[1] } });
        return page(res, 200, "Order", `<p>Signed in as <span id="user">${escapeHtml(session.user)}</span></p><pre id="order">${escapeHtml(JSON.stringify(result))}</pre>`);
      } catch (error) {
        if (isLoginRequired(error)) {
          session.user = undefined;
          return redirect(res, `/login?returnTo=${encodeURIComponent(url.pathname)}`);
        }
        return page(res, 502, "Integration call failed", `<p id="error-code">${escapeHtml(error.code ?? "ERROR")}</p>`);
      }
    }

    if (url.pathname === "/logout") {
      await session.auth.logout();
      sessions.delete(session.id);
      return redirect(res, "/");
    }

    if (url.pathname === "/") {
      return session.user
        ? page(res, 200, "Home", `<p>Signed in as <span id="user">${escapeHtml(session.user)}</span></p><a href="/orders/42">Order 42</a> <a href="/logout">Sign out</a>`)
        : page(res, 200, "Home", `<a id="login" href="/login">Sign in</a>`);
    }
    return page(res, 404, "Not found", "");
  }

  return createServer((req, res) => {
    handle(req, res).catch(() => page(res, 500, "Error", ""));
  });
}

/** Only local paths: an open redirect would let a link send signed-in users anywhere. */
function safeReturnTo(value) {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

function redirect(res, location) {
  res.writeHead(303, { Location: location, "Cache-Control": "no-store" }).end();
}

function page(res, status, title, body) {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const env = process.env;
  const port = Number(env.PORT ?? 3000);
  const domain = identityDomain({ domainUrl: env.OIC_DOMAIN_URL, clientId: env.OIC_CLIENT_ID, clientSecret: env.OIC_CLIENT_SECRET });
  const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${port}`;
  createWebLoginApp({ domain, instanceUrl: env.OIC_INSTANCE_URL, publicUrl }).listen(port, "127.0.0.1", () => {
    console.log(`Listening on ${publicUrl}`);
  });
}
