/**
 * The example apps, end to end: each is built the way its README says (`npm run build`: generate from
 * specs/, then tsc), run as a real process against the sandbox, and signed into with headless Chromium.
 *
 * - examples/cli-script: the first run prints the sign-in URL (CI=true), Chromium signs alice in, the
 *   generated functions are called as alice; the second run reuses the cached login (no new sign-in).
 * - examples/web-app: alice and bob sign in from two browser contexts at once, each sees their own name
 *   and OIC runs each call as its own user; logout ends the session; a forged callback is refused; a link
 *   to /login signs no one out; `?returnTo=` never leads off the app.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { safeReturnTo } from "../../examples/web-app/src/return-to.js";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { fillSignIn, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/environment.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI_DIR = join(ROOT, "examples/cli-script");
const WEB_DIR = join(ROOT, "examples/web-app");
const GET_ORDER_42 = "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders/42";

let sandbox: Sandbox;
let browser: Browser;
let cacheHome: string;
let cliRedirect: string;
let webPort: number;
let webUrl: string;
/** Everything the example processes printed, checked for secrets at the end. */
const outputs: string[] = [];

/** `npm run build` in an example: oic-gen from specs/ into src/oic, then tsc into dist/. */
async function build(dir: string): Promise<void> {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  await promisify(execFile)(npm, ["run", "build", "--silent"], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
}

/** The settings the examples read, as `oic-gen sandbox` prints them; the throwaway client secret included. */
function exampleEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    CI: "true",
    XDG_CACHE_HOME: cacheHome,
    XDG_STATE_HOME: cacheHome,
    HOME: cacheHome,
    OIC_URL: sandbox.instanceUrl,
    OIC_DOMAIN_URL: sandbox.identityDomain.url,
    OIC_CLIENT_ID: sandbox.identityDomain.clientId,
    OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
    ...extra,
  };
}

beforeAll(async () => {
  const [cliPort, appPort] = await Promise.all([freePort(), freePort()]);
  cliRedirect = `http://127.0.0.1:${cliPort}/callback`;
  webPort = appPort;
  webUrl = `http://127.0.0.1:${appPort}`;
  cacheHome = await mkdtemp(join(tmpdir(), "oic-examples-"));
  await Promise.all([build(CLI_DIR), build(WEB_DIR)]);
  sandbox = await startSandbox({ specs: [join(ROOT, "specs")], redirectUris: [cliRedirect, `${webUrl}/callback`] });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await sandbox?.close();
  if (cacheHome) await rm(cacheHome, { recursive: true, force: true });
});

/** Signs `user` in on `page` (showing the identity domain's sign-in form) and waits for `landing`. */
async function signIn(page: Page, user: "alice" | "bob", landing: (url: URL) => boolean): Promise<void> {
  expect(new URL(page.url()).origin).toBe(new URL(sandbox.identityDomain.url).origin);
  await fillSignIn(page, user, sandbox.identityDomain.users[user]!, landing);
}

describe("examples/cli-script", () => {
  interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
    signInUrl?: string;
  }

  /** Runs `node dist/main.js`; when it prints a sign-in URL on stderr, signs `user` in with Chromium. */
  function runCli(user: "alice" | "bob"): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["dist/main.js"], {
        cwd: CLI_DIR,
        env: exampleEnv({ OIC_REDIRECT_URI: cliRedirect }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const run: Run = { code: null, stdout: "", stderr: "" };
      let signIn: Promise<void> = Promise.resolve();
      child.stdout.on("data", (chunk: Buffer) => (run.stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => {
        run.stderr += chunk.toString();
        const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/authorize\?\S+)/.exec(run.stderr)?.[1];
        if (url && !run.signInUrl) {
          run.signInUrl = url;
          signIn = (async () => {
            const context = await browser.newContext();
            try {
              const page = await context.newPage();
              await page.goto(url);
              await fillSignIn(page, user, sandbox.identityDomain.users[user]!, (u) => u.href.startsWith(cliRedirect));
            } finally {
              await context.close();
            }
          })();
          signIn.catch((error: unknown) => {
            child.kill();
            reject(error as Error);
          });
        }
      });
      child.on("error", reject);
      child.on("close", (code) => {
        run.code = code;
        outputs.push(run.stdout, run.stderr);
        signIn.then(() => resolve(run), reject);
      });
    });
  }

  /** The lines the script prints for its three calls. */
  function callLines(stdout: string) {
    const order = /^ordersSyncV1_0\.getOrder\(42\) \[as (\w+)\]: (.+)$/m.exec(stdout);
    const shipment = /^shipmentNotifyV1_0\.postShipmentsEvents \[as (\w+)\]: accepted \(202\)$/m.exec(stdout);
    const note = /^supportTicketNoteV1_0\.addTicketNote\(SR0001234\) \[as (\w+)\]: (.+)$/m.exec(stdout);
    return { order, shipment, note };
  }

  test("the first run signs in through the loopback flow and calls generated functions as the user; the second reuses the login", async () => {
    sandbox.identityDomain.resetCounters();
    const before = sandbox.calls.length;

    const first = await runCli("alice");
    expect(first.code, first.stderr).toBe(0);
    // CI=true: no browser is launched, the sign-in URL is printed on stderr for the user to open.
    expect(first.signInUrl).toBeDefined();
    expect(first.stdout).toMatch(/^Not signed in yet/m);
    const lines = callLines(first.stdout);
    expect(lines.order?.[1]).toBe("alice");
    expect(typeof JSON.parse(lines.order![2]!)).toBe("object");
    expect(lines.shipment?.[1]).toBe("alice");
    expect(lines.note?.[1]).toBe("alice");
    expect(typeof JSON.parse(lines.note![2]!)).toBe("string"); // text/plain answer, as a string
    const firstCalls = sandbox.calls.slice(before);
    expect(firstCalls.map((c) => [c.method, c.path.split("?")[0], c.user, c.status])).toEqual([
      ["GET", GET_ORDER_42, "alice", 200],
      [
        "POST",
        "/ic/api/integration/v2/flows/rest/project/LOGISTICS/SHIPMENT_NOTIFY/1.0/shipments/events",
        "alice",
        202,
      ],
      [
        "POST",
        "/ic/api/integration/v1/flows/rest/SUPPORT_TICKET_NOTE/1.0/tickets/SR0001234/notes",
        "alice",
        firstCalls[2]!.status,
      ],
    ]);
    expect(firstCalls[2]!.status).toBeGreaterThanOrEqual(200);
    expect(firstCalls[2]!.status).toBeLessThan(300);
    expect(sandbox.identityDomain.tokenRequests.byGrant.authorization_code).toBe(1);

    // A new process: the tokens kept in $XDG_STATE_HOME/oic-gen/ are reused, no sign-in at all.
    const second = await runCli("alice");
    expect(second.code, second.stderr).toBe(0);
    expect(second.signInUrl).toBeUndefined();
    expect(second.stderr).not.toMatch(/authorize/);
    expect(second.stdout).toMatch(/^Using the cached sign-in\./m);
    expect(callLines(second.stdout).order?.[1]).toBe("alice");
    expect(sandbox.identityDomain.tokenRequests.byGrant.authorization_code).toBe(1);
    expect(sandbox.calls.slice(before + 3).map((c) => c.user)).toEqual(["alice", "alice", "alice"]);
  });
});

describe("examples/web-app", () => {
  let app: ChildProcess;
  let appOutput = "";

  beforeAll(async () => {
    app = spawn(process.execPath, ["dist/main.js"], {
      cwd: WEB_DIR,
      env: exampleEnv({ PORT: String(webPort) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    app.stdout!.on("data", (chunk: Buffer) => (appOutput += chunk.toString()));
    app.stderr!.on("data", (chunk: Buffer) => (appOutput += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the web app did not start: ${appOutput}`)), 20_000);
      app.stdout!.on("data", () => {
        if (appOutput.includes("Listening on")) {
          clearTimeout(timer);
          resolve();
        }
      });
      app.once("exit", (code) => reject(new Error(`the web app exited (${code}): ${appOutput}`)));
    });
  });
  afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    outputs.push(appOutput);
  });

  test("alice and bob sign in from two browsers at once; each sees their own name and each call runs as its own user; logout ends a session", async () => {
    sandbox.identityDomain.resetCounters();
    const before = sandbox.calls.length;
    const [aliceContext, bobContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    try {
      const [alice, bob] = await Promise.all([aliceContext.newPage(), bobContext.newPage()]);
      await Promise.all([
        (async () => {
          // alice starts at the home page and signs in from its link.
          await alice.goto(`${webUrl}/`);
          expect(await alice.locator("#status").innerText()).toBe("Not signed in.");
          await Promise.all([
            alice.waitForURL((u) => u.origin === new URL(sandbox.identityDomain.url).origin),
            alice.locator("#login").click(),
          ]);
          await signIn(alice, "alice", (u) => u.href === `${webUrl}/`);
          expect(await alice.locator("#user").innerText()).toBe("alice");
          await Promise.all([alice.waitForURL(`${webUrl}/orders/42`), alice.locator("#order-link").click()]);
        })(),
        (async () => {
          // bob opens the order page directly: sent through /login, and back to the page after signing in.
          await bob.goto(`${webUrl}/orders/42`);
          await signIn(bob, "bob", (u) => u.href === `${webUrl}/orders/42`);
        })(),
      ]);
      for (const [page, user] of [
        [alice, "alice"],
        [bob, "bob"],
      ] as const) {
        expect(await page.locator("#user").innerText()).toBe(user);
        expect(await page.locator("#oic-user").innerText()).toBe(user);
        expect(typeof JSON.parse(await page.locator("#order").innerText())).toBe("object");
      }
      expect(
        sandbox.calls
          .slice(before)
          .map((c) => [c.path, c.user, c.status])
          .sort(),
      ).toEqual([
        [GET_ORDER_42, "alice", 200],
        [GET_ORDER_42, "bob", 200],
      ]);
      expect(sandbox.identityDomain.tokenRequests.byGrant.authorization_code).toBe(2);

      // The session cookie: a random id, HttpOnly, SameSite=Lax; never a token.
      for (const context of [aliceContext, bobContext]) {
        const cookies = (await context.cookies(webUrl)).filter((c) => c.name === "sid");
        expect(cookies).toHaveLength(1);
        expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax" });
        expect(cookies[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
      const [aliceSid, bobSid] = await Promise.all(
        [aliceContext, bobContext].map(async (c) => (await c.cookies(webUrl)).find((k) => k.name === "sid")!.value),
      );
      expect(aliceSid).not.toBe(bobSid);

      // Each session keeps its own tokens: a reload calls again as the same user, without a new sign-in.
      await bob.reload();
      expect(await bob.locator("#oic-user").innerText()).toBe("bob");
      expect(sandbox.calls.at(-1)).toMatchObject({ path: GET_ORDER_42, user: "bob" });
      expect(sandbox.identityDomain.tokenRequests.byGrant.authorization_code).toBe(2);

      // alice signs out: her session is gone, the order page asks for a sign-in again; bob is unaffected.
      await Promise.all([alice.waitForURL(`${webUrl}/`), alice.locator("#logout").click()]);
      expect(await alice.locator("#status").innerText()).toBe("Not signed in.");
      expect((await aliceContext.cookies(webUrl)).filter((c) => c.name === "sid")).toEqual([]);
      // The order page now goes through /login and the identity domain again. (The domain's own single sign-on
      // session may still be open, in which case it sends her straight back: a new sign-in, new tokens.)
      const idcsOrigin = new URL(sandbox.identityDomain.url).origin;
      const visited: string[] = [];
      alice.on("request", (request) => visited.push(request.url()));
      await alice.goto(`${webUrl}/orders/42`);
      if (new URL(alice.url()).origin === idcsOrigin)
        await signIn(alice, "alice", (u) => u.href === `${webUrl}/orders/42`);
      expect(visited.some((u) => u.startsWith(`${webUrl}/login?`))).toBe(true);
      expect(visited.some((u) => u.startsWith(`${idcsOrigin}/oauth2/v1/authorize?`))).toBe(true);
      expect(await alice.locator("#oic-user").innerText()).toBe("alice");
      expect(sandbox.identityDomain.tokenRequests.byGrant.authorization_code).toBe(3);
      // Her old session id no longer works, even if replayed.
      await aliceContext.addCookies([{ name: "sid", value: aliceSid, url: webUrl }]);
      await alice.goto(`${webUrl}/`);
      expect(await alice.locator("#status").innerText()).toBe("Not signed in.");

      await bob.reload();
      expect(await bob.locator("#oic-user").innerText()).toBe("bob");
    } finally {
      await Promise.all([aliceContext.close(), bobContext.close()]);
    }
  });

  test("a callback whose state is not the session's is refused", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${webUrl}/login`); // a login in progress in this browser
      const response = await page.goto(`${webUrl}/callback?code=forged&state=forged`);
      expect(response?.status()).toBe(400);
      expect(await page.locator("#error-code").innerText()).toBe("OIC_STATE_MISMATCH");
      // And with no login in progress at all.
      const none = await page.goto(`${webUrl}/callback?code=forged&state=forged`);
      expect(none?.status()).toBe(400);
      expect(await page.locator("#error-code").innerText()).toBe("OIC_LOGIN_FAILED");
    } finally {
      await context.close();
    }
  });

  test("a link to /login (or a forged callback) signs no one out; a completed sign-in replaces the session; returnTo stays on the app", async () => {
    const idcsOrigin = new URL(sandbox.identityDomain.url).origin;
    const context = await browser.newContext();
    const sid = async () => (await context.cookies(webUrl)).find((c) => c.name === "sid")?.value;
    try {
      const page = await context.newPage();
      // Browsers drop the tab: "/\t/evil.com" would be "//evil.com", another site. The app sends her home instead.
      await page.goto(`${webUrl}/login?returnTo=${encodeURIComponent("/\t/evil.com")}`);
      await signIn(page, "alice", (u) => u.href === `${webUrl}/`);
      expect(await page.locator("#user").innerText()).toBe("alice");
      const aliceSid = await sid();
      expect(aliceSid).toBeDefined();

      // Another site links to /login: a top-level GET, which carries the SameSite=Lax cookie.
      const started = await context.request.get(`${webUrl}/login`, { maxRedirects: 0 });
      expect(started.status()).toBe(303);
      expect(started.headers().location?.startsWith(`${idcsOrigin}/oauth2/v1/authorize?`)).toBe(true);
      // ... and to a callback that does not belong to that login.
      const forged = await page.goto(`${webUrl}/callback?code=forged&state=forged`);
      expect(forged?.status()).toBe(400);
      expect(await page.locator("#error-code").innerText()).toBe("OIC_STATE_MISMATCH");
      // alice is still signed in, in the same session, and her tokens still work.
      expect(await sid()).toBe(aliceSid);
      await page.goto(`${webUrl}/orders/42`);
      expect(await page.locator("#oic-user").innerText()).toBe("alice");

      // A sign-in that completes replaces the session: a new id, and the old one no longer works.
      await page.goto(`${webUrl}/login`);
      if (new URL(page.url()).origin === idcsOrigin) await signIn(page, "alice", (u) => u.href === `${webUrl}/`);
      else await page.waitForURL(`${webUrl}/`);
      expect(await page.locator("#user").innerText()).toBe("alice");
      const newSid = await sid();
      expect(newSid).toBeDefined();
      expect(newSid).not.toBe(aliceSid);
      await context.addCookies([{ name: "sid", value: aliceSid!, url: webUrl }]);
      await page.goto(`${webUrl}/`);
      expect(await page.locator("#status").innerText()).toBe("Not signed in.");
    } finally {
      await context.close();
    }
  });

  test("safeReturnTo keeps paths of the app and sends everything else home", () => {
    const app = "http://127.0.0.1:3000";
    expect(safeReturnTo("/orders/42", app)).toBe("/orders/42");
    expect(safeReturnTo("/orders/42?x=1#part", app)).toBe("/orders/42?x=1");
    expect(safeReturnTo("/a/../orders/42", app)).toBe("/orders/42");
    for (const value of [
      null,
      "",
      "orders",
      "//evil.com",
      "/\\evil.com",
      "/\t/evil.com",
      "/\n/evil.com",
      "/.//evil.com",
      "/..//evil.com",
      "/a/../..//evil.com",
      "https://evil.com/",
      "http://127.0.0.1:3000/orders/1",
      "/\u0000x",
    ]) {
      expect(safeReturnTo(value, app), JSON.stringify(value)).toBe("/");
    }
  });
});

test("no example printed a token, code or secret", () => {
  const printed = outputs.join("\n");
  expect(printed.length).toBeGreaterThan(0);
  expect(printed).not.toContain(sandbox.identityDomain.clientSecret);
  expect(sandbox.identityDomain.issuedSecrets.size).toBeGreaterThan(0);
  for (const secret of sandbox.identityDomain.issuedSecrets) expect(printed).not.toContain(secret);
  expect(printed).not.toMatch(/[?&]code=/);
});
