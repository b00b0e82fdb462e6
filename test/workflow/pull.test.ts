import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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
}

/**
 * The team loop against the sandbox: `oic-gen login` (browser sign-in), `status`, `pull`, regenerate,
 * change a spec on the instance, `pull` again, `--check` fails until regenerated, `logout`.
 */
describe("oic-gen login, status, pull and the regenerate loop", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let instanceSpecs: string;
  let work: string;
  let env: NodeJS.ProcessEnv;
  const outputs: string[] = [];

  /** Runs the CLI in `work`; when it prints a sign-in URL, signs in as `user` in headless Chromium. */
  function oicGen(args: string[], user?: string): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      let signingIn = false;
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/authorize\?\S+)/.exec(stderr)?.[1];
        if (url && user && !signingIn) {
          signingIn = true;
          void (async () => {
            const context = await browser.newContext();
            const page = await context.newPage();
            await page.goto(url);
            await fillSignIn(page, user, sandbox.identityDomain.users[user]!, (u) => u.pathname === "/callback");
            await context.close();
          })().catch(reject);
        }
      });
      child.on("error", reject);
      child.on("exit", (code) => {
        outputs.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });
  }

  beforeAll(async () => {
    instanceSpecs = join(tempDir("instance-specs"), "specs");
    cpSync(join(ROOT, "specs"), instanceSpecs, { recursive: true });
    const port = await freePort();
    sandbox = await startSandbox({
      specs: [instanceSpecs],
      redirectUris: [`http://127.0.0.1:${port}/callback`],
      statuses: { "SUPPORT_TICKET_NOTE|01.00.0000": "CONFIGURED" },
    });
    browser = await launchBrowser();
    work = tempDir("team-project");
    writeFileSync(
      join(work, "oic-gen.config.json"),
      JSON.stringify(
        {
          instanceUrl: sandbox.instanceUrl,
          domainUrl: sandbox.identityDomain.url,
          clientId: sandbox.identityDomain.clientId,
          redirectUri: `http://127.0.0.1:${port}/callback`,
          specs: "specs",
          out: "src/oic",
        },
        null,
        2,
      ),
    );
    env = {
      ...process.env,
      CI: "true",
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

  it("refuses to pull before anyone signed in, and says how to sign in", async () => {
    const run = await oicGen(["pull"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/login/i);
    expect(existsSync(join(work, "specs"))).toBe(false);
  });

  it("login signs in through the browser; status names the user and never shows a token", async () => {
    const login = await oicGen(["login"], "alice");
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/signed in/i);
    const status = await oicGen(["status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/Signed in as alice/);
    expect(status.stdout).toMatch(/valid until \d{4}-\d\d-\d\dT/);
  }, 60_000);

  it("pull downloads every ACTIVATED REST trigger across pages, with stable names", async () => {
    const run = await oicGen(["pull", "--page-size", "3"]);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(join(work, "specs"))
      .filter((name) => name.endsWith(".json") && !name.startsWith("."))
      .sort();
    const activated = sandbox.integrations.filter((it) => it.code !== "SUPPORT_TICKET_NOTE");
    expect(files).toHaveLength(activated.length);
    // The sandbox serves /metadata/openapi for every trigger (Swagger 2.0 sources upgraded), as newer instances do.
    expect(files).toContain("ORDERS_SYNC_01.00.0000.openapi.json");
    expect(files).toContain("ORDERS_SYNC_02.00.0000.openapi.json");
    expect(files.some((name) => name.startsWith("SUPPORT_TICKET_NOTE"))).toBe(false);
    expect(run.stdout).toMatch(new RegExp(`${activated.length} added, 0 changed, 0 removed`));
    const again = await oicGen(["pull"]);
    expect(again.stdout).toMatch(new RegExp(`0 added, 0 changed, 0 removed, ${activated.length} unchanged`));
  }, 60_000);

  it("after a spec changes on the instance: pull reports it, --check fails on that integration only, regeneration fixes it", async () => {
    expect((await oicGen([])).code).toBe(0); // generate from config: specs → src/oic
    expect((await oicGen(["--check"])).code).toBe(0);
    const file = readdirSync(instanceSpecs).find((name) => name.startsWith("SHIPMENT_NOTIFY"))!;
    const path = join(instanceSpecs, file);
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        "Get a delivery with its tracking history",
        "Get one delivery and where it is",
      ),
    );
    await sandbox.reload();
    const pull = await oicGen(["pull"]);
    expect(pull.code).toBe(0);
    expect(pull.stdout).toMatch(/1 changed/);
    expect(pull.stdout).toMatch(/changed +SHIPMENT_NOTIFY_/);
    const check = await oicGen(["--check"]);
    expect(check.code).toBe(1);
    const listed = check.stderr.split("\n").filter((line) => /^\s+(added|changed|removed)/.test(line));
    expect(listed.length).toBeGreaterThan(0);
    for (const line of listed) expect(line).toMatch(/shipment-notify-v1-0\/|\.oic-gen-manifest\.json/);
    expect((await oicGen([])).code).toBe(0);
    expect((await oicGen(["--check"])).code).toBe(0);
    expect(readFileSync(join(work, "src/oic/shipment-notify-v1-0/index.ts"), "utf8")).toContain(
      "Get one delivery and where it is",
    );
  }, 90_000);

  it("pull also works as the application (client credentials)", async () => {
    const run = await oicGen(["pull", "--client-credentials", "--specs", "specs-service"]);
    expect(run.code, run.stderr).toBe(0);
    expect(
      readdirSync(join(work, "specs-service")).filter((name) => name.endsWith(".json") && !name.startsWith(".")).length,
    ).toBe(sandbox.integrations.length - 1);
  }, 60_000);

  it("logout forgets the login; status then exits 1", async () => {
    const logout = await oicGen(["logout"]);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toMatch(/signed out/i);
    const status = await oicGen(["status"]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/not signed in/);
  });

  it("printed no token, code or secret anywhere", () => {
    const secrets = [...sandbox.identityDomain.issuedSecrets, sandbox.identityDomain.clientSecret];
    expect(secrets.length).toBeGreaterThan(2);
    for (const output of outputs) for (const secret of secrets) expect(output.includes(secret)).toBe(false);
  });
});
