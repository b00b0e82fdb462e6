/**
 * Mistakes around `oic-gen login`, signed in through headless Debian Chromium at the sandbox: a wrong client
 * secret (the browser page must not say "signed in"), a mistyped instance URL after a good login, a user
 * without a role on the instance (403 with the checklist and which login was used), and logout without the
 * secret.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { fillSignIn, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/environment.js";
import { CLI, ROOT, tempDir } from "../generator/support.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The text of the page the browser landed on at the loopback callback. */
  page?: string;
}

describe("oic-gen login: the mistakes, and what the browser and the terminal say", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let work: string;
  let env: NodeJS.ProcessEnv;

  /** Runs the CLI in `work`; when it prints a sign-in URL, signs in as `user` in Chromium and keeps the landing page's text. */
  function oicGen(args: string[], options: { user?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: work,
        env: { ...env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const run: Run = { code: null, stdout: "", stderr: "" };
      let signingIn: Promise<void> | undefined;
      child.stdout.on("data", (chunk: Buffer) => (run.stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => {
        run.stderr += chunk.toString();
        const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/authorize\?\S+)/.exec(run.stderr)?.[1];
        if (url && options.user && !signingIn) {
          signingIn = (async () => {
            const context = await browser.newContext();
            const page = await context.newPage();
            await page.goto(url);
            await fillSignIn(
              page,
              options.user!,
              sandbox.identityDomain.users[options.user!]!,
              (u) => u.pathname === "/callback",
            );
            run.page = await page.locator("body").innerText();
            await context.close();
          })();
          signingIn.catch(reject);
        }
      });
      child.on("error", reject);
      child.on("exit", async (code) => {
        await signingIn;
        run.code = code;
        resolve(run);
      });
    });
  }

  beforeAll(async () => {
    const port = await freePort();
    sandbox = await startSandbox({ specs: [join(ROOT, "specs")], redirectUris: [`http://127.0.0.1:${port}/callback`] });
    browser = await launchBrowser();
    work = tempDir("login-mistakes");
    writeFileSync(join(work, "package.json"), "{}");
    writeFileSync(
      join(work, "oic-gen.config.json"),
      JSON.stringify({
        instanceUrl: sandbox.instanceUrl,
        domainUrl: sandbox.identityDomain.url,
        clientId: sandbox.identityDomain.clientId,
        redirectUri: `http://127.0.0.1:${port}/callback`,
      }),
    );
    env = {
      ...process.env,
      CI: "true",
      FORCE_COLOR: "0",
      XDG_CACHE_HOME: join(work, ".cache"),
      XDG_STATE_HOME: join(work, ".state"),
      OIC_GEN_TOKEN_STORE: "file",
      OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
    };
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it("a wrong client secret: the browser page says the sign-in failed, the terminal names the variable, nothing is cached", async () => {
    const run = await oicGen(["login"], { user: "alice", env: { OIC_CLIENT_SECRET: "wrong-secret-value" } });
    expect(run.code).toBe(1);
    expect(run.page).toMatch(/Sign-in failed/);
    expect(run.page).not.toMatch(/You are signed in/);
    expect(run.stderr).toMatch(/refused the client/);
    expect(run.stderr).toMatch(/client secret read from OIC_CLIENT_SECRET/);
    expect(run.stdout + run.stderr + run.page).not.toContain("wrong-secret-value");
    expect((await oicGen(["status"])).code).toBe(1);
  }, 60_000);

  it("a good login: the browser page says who is signed in, after the exchange", async () => {
    const run = await oicGen(["login"], { user: "alice" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.page).toMatch(/Signed in as alice/);
  }, 60_000);

  it("a mistyped instance URL: status and pull say which instance the cached login is for", async () => {
    const typo = `http://127.0.0.1:${await freePort()}`;
    const status = await oicGen(["status", "--instance", typo]);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`not signed in for ${typo}`);
    expect(status.stdout).toContain(`a cached login of this client is for ${sandbox.instanceUrl}`);
    const pull = await oicGen(["pull", "--instance", typo]);
    expect(pull.code).toBe(1);
    expect(pull.stderr).toContain(`a cached login of this client is for ${sandbox.instanceUrl}`);
    expect(pull.stderr).toMatch(/Run oic-gen login first/);
  }, 60_000);

  it("a user without a role on the instance: 403 with the server's detail, the role checklist and which login was used", async () => {
    expect(sandbox.identityDomain.users.carol).toBeDefined(); // every sandbox has carol, with no role on the instance
    const dir = join(work, "carol");
    const login = await oicGen(["login", "--scope", `${sandbox.scope} ${sandbox.managementScope}`], { user: "carol" });
    expect(login.code, login.stderr).toBe(0);
    const pull = await oicGen(["pull", "--scope", `${sandbox.scope} ${sandbox.managementScope}`, "--specs", dir]);
    expect(pull.code).toBe(1);
    expect(pull.stderr).toMatch(/HTTP 403/);
    expect(pull.stderr).toMatch(/OIC says: Forbidden: The user carol does not have the ServiceUser role/);
    expect(pull.stderr).toMatch(/ServiceInvoker role \(or higher\)/);
    expect(pull.stderr).toMatch(/This pull used the login of oic-gen login as carol/);
  }, 60_000);

  it("logout without the client secret still forgets the cached tokens", async () => {
    expect((await oicGen(["status"])).code).toBe(0);
    const logout = await oicGen(["logout"], { env: { OIC_CLIENT_SECRET: "" } });
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toMatch(
      /the cached tokens for .* are forgotten; the refresh token was not revoked \(OIC_CLIENT_SECRET is not set\)/,
    );
    expect((await oicGen(["status"])).code).toBe(1);
  }, 60_000);
});
