/**
 * The root entry is for any JS runtime: bundled for the browser it must pull in no `node:` module, and the
 * bundle must sign a user in (web login) and call an integration from a page in headless Chromium.
 */
import { readFile } from "node:fs/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fillSignIn, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/environment.js";
import { startIdentityDomain, type IdentityDomainStandIn } from "../support/identity-domain.js";
import { startIntegrationServer, type IntegrationServer } from "../support/integration-server.js";

// The page loads the bundle as a module and exposes it (page.evaluate code must not use import()).
const PAGE =
  '<!doctype html><title>app</title><script type="module">import * as rt from "/runtime.js"; window.rt = rt;</script><p>app</p>';
const rootEntry = fileURLToPath(new URL("../../runtime/dist/index.js", import.meta.url));

let bundle: { code: string; imports: string[] };
beforeAll(async () => {
  const build = await rolldown({ input: rootEntry, platform: "browser", logLevel: "silent" });
  const { output } = await build.generate({ format: "esm" });
  await build.close();
  const chunk = output.find((o) => o.type === "chunk")!;
  bundle = { code: chunk.code, imports: [...chunk.imports, ...chunk.dynamicImports] };
}, 60_000);

describe("the root entry runs outside Node", () => {
  test("a browser bundle of it imports no node: module and has no unresolved imports", () => {
    expect(bundle.imports).toEqual([]);
    expect(bundle.code).not.toMatch(/["']node:/);
    expect(bundle.code).not.toMatch(/\brequire\(/);
  });

  test("its package declares no side effects and keeps Node-only parts under /node", async () => {
    const pkg = JSON.parse(await readFile(new URL("../../runtime/package.json", import.meta.url), "utf8")) as {
      sideEffects: unknown;
      exports: Record<string, unknown>;
    };
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining([".", "./node", "./internal"]));
    const types = await readFile(new URL("../../runtime/dist/index.d.ts", import.meta.url), "utf8");
    expect(types).not.toMatch(/NodeJS\.|openid-client|fileTokenStore|loopback/i);
  });

  describe("in headless Chromium", () => {
    let idp: IdentityDomainStandIn;
    let oic: IntegrationServer;
    let app: Server;
    let appUrl: string;

    beforeAll(async () => {
      const port = await freePort();
      appUrl = `http://127.0.0.1:${port}`;
      idp = await startIdentityDomain({ redirectUris: [`${appUrl}/callback`] });
      oic = await startIntegrationServer({ jwks: idp.jwks });
      // The page's own origin serves the bundle and forwards /idp/* and /oic/* to the stand-ins (as a web
      // app's reverse proxy would), so the page needs no CORS from servers that do not send it.
      app = createServer((req, res) => void serve(req, res));
      await new Promise<void>((resolve) => app.listen(port, "127.0.0.1", resolve));
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
      await oic?.close();
      await idp?.close();
    });

    async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = new URL(req.url ?? "/", appUrl);
      if (url.pathname === "/runtime.js")
        return void res.writeHead(200, { "Content-Type": "text/javascript" }).end(bundle.code);
      if (url.pathname === "/" || url.pathname === "/callback")
        return void res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
      for (const [prefix, target] of [
        ["/idp", idp.url],
        ["/oic", oic.url],
      ] as const) {
        if (url.pathname.startsWith(`${prefix}/`))
          return forward(req, res, `${target}${url.pathname.slice(prefix.length)}${url.search}`);
      }
      res.writeHead(404).end();
    }

    function forward(req: IncomingMessage, res: ServerResponse, target: string): void {
      // Forwarded server to server: the page's Origin is not the stand-ins' business.
      const { origin: _origin, referer: _referer, ...headers } = req.headers;
      const upstream = httpRequest(
        target,
        { method: req.method, headers: { ...headers, host: new URL(target).host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      req.pipe(upstream);
    }

    test("web login and a generated-shape call, run by the bundle in a page", async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await page.goto(`${appUrl}/`);
        await page.waitForFunction(() => "rt" in window);
        const settings = {
          appUrl,
          idpUrl: idp.url,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          scope: oic.scope,
          instanceUrl: oic.url,
        };
        // 1. In the page: start the login with the bundle; keep the pending login in sessionStorage.
        const authorizationUrl = await page.evaluate(async (s) => {
          const rt = (window as unknown as { rt: any }).rt;
          const domain = rt.identityDomain({
            endpoints: { authorization: `${s.idpUrl}/oauth2/v1/authorize`, token: `${s.appUrl}/idp/oauth2/v1/token` },
            clientId: s.clientId,
            clientSecret: s.clientSecret,
            allowInsecureRequests: true,
          });
          // The page reaches the instance through its own origin (/oic), so that is the instance the login is for;
          // the scope stays the real instance's (the stand-in checks it).
          const { url, pending } = await rt.startWebLogin({
            domain,
            scope: s.scope,
            instanceUrl: s.appUrl,
            redirectUri: `${s.appUrl}/callback`,
          });
          sessionStorage.setItem("pending", JSON.stringify(pending));
          return url.href as string;
        }, settings);
        // 2. The user signs in at the identity domain and is sent back to the page's callback.
        await page.goto(authorizationUrl);
        await fillSignIn(page, "alice", idp.users.alice!, (u) => u.origin === appUrl && u.pathname === "/callback");
        await page.waitForFunction(() => "rt" in window);
        // 3. In the page: finish the login and call the integration through the instance URL the page can reach.
        const result = await page.evaluate(async (s) => {
          const rt = (window as unknown as { rt: any }).rt;
          const domain = rt.identityDomain({
            endpoints: { authorization: `${s.idpUrl}/oauth2/v1/authorize`, token: `${s.appUrl}/idp/oauth2/v1/token` },
            clientId: s.clientId,
            clientSecret: s.clientSecret,
            allowInsecureRequests: true,
          });
          const store = rt.memoryTokenStore();
          const pending = JSON.parse(sessionStorage.getItem("pending")!);
          await rt.finishWebLogin({ domain, callback: location.href, pending, store });
          const auth = rt.authorizationCode({
            domain,
            scope: s.scope,
            instanceUrl: s.appUrl,
            redirectUri: `${s.appUrl}/callback`,
            store,
            login: "none",
          });
          const client = rt.createOicClient({ instanceUrl: `${s.appUrl}/oic`, auth });
          // Exactly what the generator emits for one operation.
          const getOrder$ = {
            method: "GET",
            path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{orderId}",
            accept: "application/json",
            responseAs: "json",
          };
          const getOrder = (c: unknown, input: unknown) => rt.invoke(c, getOrder$, input);
          const order = await getOrder(client, { path: { orderId: "B-7" } });
          const status = await auth.status();
          let unreachable = "";
          try {
            await rt.invoke(rt.createOicClient({ instanceUrl: "http://127.0.0.1:9" }), getOrder$, {
              path: { orderId: "x" },
              retry: false,
            });
          } catch (error) {
            unreachable = (error as { code: string }).code;
          }
          return {
            order,
            loggedIn: status.loggedIn,
            subject: status.subject,
            unreachable,
            runtime: typeof process === "undefined" ? "browser" : "node",
          };
        }, settings);
        expect(result).toEqual({
          order: { orderId: "B-7", status: "OPEN", calledBy: "alice" },
          loggedIn: true,
          subject: "alice",
          unreachable: "OIC_UNREACHABLE",
          runtime: "browser",
        });
        expect(oic.calls.at(-1)).toMatchObject({ method: "GET", subject: "alice" });
      } finally {
        await browser.close();
      }
    });
  });
});
