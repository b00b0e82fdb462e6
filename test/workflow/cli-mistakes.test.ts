/**
 * The mistakes a new user makes, and what `oic-gen` says: the CLI run as a child process against the sandbox
 * (real identity domain and OIC stand-ins on loopback). No browser here; sign-ins that need one are in
 * login-mistakes.test.ts.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { freePort } from "../support/environment.js";
import { CLI, ROOT, runHere, tempDir } from "../generator/support.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stack trace line, or the raw fetch failure the issue saw: neither may reach a user. */
const STACK = /^\s+at |TypeError: fetch failed|unexpected error/m;

function oicGen(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd, env: { ...process.env, CI: "true", FORCE_COLOR: "0", ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

describe("oic-gen explains the mistakes a user makes", () => {
  let sandbox: Sandbox;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let deadInstance: string;
  const otherInstance = "https://no-such-host.invalid";
  let connection: string[];

  beforeAll(async () => {
    deadInstance = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    sandbox = await startSandbox({ specs: [join(ROOT, "specs")], audiences: [deadInstance, otherInstance] });
    work = tempDir("cli-mistakes");
    env = {
      XDG_CACHE_HOME: join(work, ".cache"),
      XDG_STATE_HOME: join(work, ".state"),
      OIC_GEN_TOKEN_STORE: "file",
      OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret,
    };
    connection = ["--domain", sandbox.identityDomain.url, "--client-id", sandbox.identityDomain.clientId];
  }, 60_000);
  afterAll(() => sandbox?.close());

  it("an unreachable instance: names the host and the cause, says what to check, exit 1, no stack", async () => {
    const run = await oicGen(["pull", "--client-credentials", "--instance", deadInstance, ...connection], {
      cwd: work,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`could not reach the instance at ${new URL(deadInstance).host} (ECONNREFUSED)`);
    expect(run.stderr).toMatch(/Check the instance URL \(--instance/);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).not.toMatch(/Run oic-gen --help/);
  }, 60_000);

  it("a host name that does not resolve: the DNS failure is named", async () => {
    const run = await oicGen(["pull", "--client-credentials", "--instance", otherInstance, ...connection], {
      cwd: work,
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not reach the instance at no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(run.stderr).not.toMatch(STACK);
  }, 60_000);

  it("a scope without the instance's audience: status warns; a token for another audience gets 401 with the server's detail, the checklist and which login was used", async () => {
    const status = await oicGen(
      ["status", "--instance", sandbox.instanceUrl, ...connection, "--scope", "urn:opc:resource:consumer::all"],
      { cwd: work, env },
    );
    expect(status.stderr).toMatch(
      /warning: the scope "urn:opc:resource:consumer::all" does not reach .*without the instance's audience in front.*OIC will answer 401/,
    );
    const pull = await oicGen(
      [
        "pull",
        "--client-credentials",
        "--instance",
        sandbox.instanceUrl,
        ...connection,
        "--scope",
        `${deadInstance}urn:opc:resource:consumer::all`,
      ],
      { cwd: work, env },
    );
    expect(pull.code).toBe(1);
    expect(pull.stderr).toMatch(/warning: .*does not reach .*names another audience/);
    expect(pull.stderr).toMatch(/HTTP 401/);
    expect(pull.stderr).toMatch(/the instance says: WWW-Authenticate: Bearer error="invalid_token"/);
    expect(pull.stderr).toMatch(/Check:\n.*the token's scope must be this instance's/);
    expect(pull.stderr).toMatch(/This pull used the application's own token \(--client-credentials/);
  }, 60_000);

  it("a wrong client secret: the message names the variable it came from", async () => {
    const run = await oicGen(["pull", "--client-credentials", "--instance", sandbox.instanceUrl, ...connection], {
      cwd: work,
      env: { ...env, OIC_CLIENT_SECRET: "not-the-secret" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused the client/);
    expect(run.stderr).toMatch(/client secret read from OIC_CLIENT_SECRET/);
    expect(run.stdout + run.stderr).not.toContain("not-the-secret");
  }, 60_000);

  it("clientSecretEnv in a config file must start with OIC_; --client-secret-env may name any variable", async () => {
    const dir = tempDir("secret-env");
    writeFileSync(join(dir, "package.json"), "{}");
    writeFileSync(
      join(dir, "oic-gen.config.json"),
      JSON.stringify({
        instanceUrl: sandbox.instanceUrl,
        domainUrl: sandbox.identityDomain.url,
        clientId: sandbox.identityDomain.clientId,
        clientSecretEnv: "GITHUB_TOKEN",
      }),
    );
    const tokenRequests = sandbox.identityDomain.tokenRequests.total;
    const refused = await oicGen(["pull", "--client-credentials"], {
      cwd: dir,
      env: { ...env, GITHUB_TOKEN: sandbox.identityDomain.clientSecret },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/clientSecretEnv must name a variable starting with OIC_ \(found "GITHUB_TOKEN"\)/);
    expect(sandbox.identityDomain.tokenRequests.total).toBe(tokenRequests); // the variable was never sent anywhere
    writeFileSync(
      join(dir, "oic-gen.config.json"),
      JSON.stringify({
        instanceUrl: sandbox.instanceUrl,
        domainUrl: sandbox.identityDomain.url,
        clientId: sandbox.identityDomain.clientId,
      }),
    );
    const flag = await oicGen(["pull", "--client-credentials", "--client-secret-env", "MY_SANDBOX_SECRET"], {
      cwd: dir,
      env: {
        XDG_CACHE_HOME: join(dir, ".cache"),
        XDG_STATE_HOME: join(dir, ".state"),
        OIC_GEN_TOKEN_STORE: "file",
        MY_SANDBOX_SECRET: sandbox.identityDomain.clientSecret,
      },
    });
    expect(flag.code, flag.stderr).toBe(0);
  }, 60_000);

  it("the config file is found from a subfolder, up to the project root, and named; or its absence is", async () => {
    const project = tempDir("config-upward");
    writeFileSync(join(project, "package.json"), "{}");
    writeFileSync(
      join(project, "oic-gen.config.json"),
      JSON.stringify({
        instanceUrl: sandbox.instanceUrl,
        domainUrl: sandbox.identityDomain.url,
        clientId: sandbox.identityDomain.clientId,
      }),
    );
    const deep = join(project, "src", "feature");
    mkdirSync(deep, { recursive: true });
    const found = await oicGen(["status"], { cwd: deep, env });
    expect(found.stdout).toContain(`(config: ${join(project, "oic-gen.config.json")})`);
    const bare = tempDir("config-none");
    writeFileSync(join(bare, "package.json"), "{}");
    mkdirSync(join(bare, "sub"));
    const none = await oicGen(["status"], { cwd: join(bare, "sub"), env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`no oic-gen.config.json found (looked in ${join(bare, "sub")} or ${bare})`);
  }, 60_000);

  it("pull has its own --specs flag; the old --out still works with a notice; the generated-code folder is refused", async () => {
    const dir = tempDir("pull-out");
    const args = ["pull", "--client-credentials", "--instance", sandbox.instanceUrl, ...connection];
    const old = await oicGen([...args, "--out", "specs"], { cwd: dir, env });
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toMatch(/warning: pull --out is now pull --specs/);
    // Generated code, with its manifest (in this process: the generation is not what this test is about).
    expect((await runHere([join(dir, "specs"), "--out", join(dir, "src/oic")])).status).toBe(0);
    const refused = await oicGen([...args, "--specs", "src/oic"], { cwd: dir, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to pull into src\/oic: it is the generated-code folder/);
  }, 60_000);

  it("unknown commands and flags get a did-you-mean; only usage errors end with the --help hint", async () => {
    const command = await oicGen(["pul"], { cwd: work, env });
    expect(command.code).toBe(1);
    expect(command.stderr).toMatch(/unknown command "pul" \(did you mean oic-gen pull\?\)/);
    expect(command.stderr).toMatch(/Run oic-gen --help for usage/);
    const flag = await oicGen(["specs", "--ouput", "x"], { cwd: ROOT, env });
    expect(flag.stderr).toMatch(/unknown option --ouput \(did you mean --out\?\)/);
    const pullFlag = await oicGen(["pull", "--page-sise", "3"], { cwd: work, env });
    expect(pullFlag.stderr).toMatch(/unknown option --page-sise \(did you mean --page-size\?\)/);
    const notUsage = await oicGen(["pull", "--instance", sandbox.instanceUrl, ...connection], {
      cwd: work,
      env: { ...env, OIC_CLIENT_SECRET: "" },
    });
    expect(notUsage.stderr).toMatch(/set OIC_CLIENT_SECRET/);
    expect(notUsage.stderr).not.toMatch(/--help/);
  }, 60_000);

  it("a port in use is one line that says how to choose another: the sandbox's and the login's redirect port", async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const sandboxRun = await oicGen(["sandbox", join(ROOT, "specs"), "--oic-port", String(port)], { cwd: work, env });
      expect(sandboxRun.code).toBe(1);
      // (oidc-provider warns about the Node version on its own line; ignore it)
      expect(sandboxRun.stderr.replace(/^oidc-provider WARNING.*\n/m, "")).toBe(
        `oic-gen: port ${port} is already in use (another sandbox, or another program)\n  Choose another with --oic-port, or leave --oic-port out for a free port.\n`,
      );
      const login = await oicGen(
        [
          "login",
          "--instance",
          sandbox.instanceUrl,
          ...connection,
          "--redirect-uri",
          `http://127.0.0.1:${port}/callback`,
        ],
        { cwd: work, env },
      );
      expect(login.code).toBe(1);
      expect(login.stderr).toMatch(new RegExp(`the login's redirect port 127\\.0\\.0\\.1:${port} is already in use`));
      expect(login.stderr).toMatch(/--redirect-uri http:\/\/127\.0\.0\.1:<port>\/callback/);
      expect(login.stderr).not.toMatch(STACK);
    } finally {
      busy.close();
    }
  }, 60_000);

  it("--check counts in the singular and does not list the manifest as a change", async () => {
    const dir = tempDir("check-wording");
    mkdirSync(join(dir, "specs"));
    cpSync(join(ROOT, "specs", "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml"), join(dir, "specs", "shipments.yaml"));
    // The generation and the first check in this process (the same report); the stale check through the CLI.
    expect((await runHere([join(dir, "specs"), "--out", join(dir, "out")])).status).toBe(0);
    const upToDate = await runHere([join(dir, "specs"), "--out", join(dir, "out"), "--check"]);
    expect(upToDate.stdout).toMatch(/is up to date \(1 integration, \d+ operations?\)/);
    const file = join(dir, "specs", "shipments.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("tracking", "TRACKING"));
    const stale = await oicGen(["specs", "--out", "out", "--check"], { cwd: dir, env });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/is out of date \(1 integration,/);
    expect(stale.stderr).toMatch(/changed +shipment/);
    expect(stale.stderr).not.toContain(".oic-gen-manifest.json");
  }, 60_000);

  it("the wrong-scope login is refused by the identity domain, and the browser page tells the truth", async () => {
    const port = await freePort();
    const local = await startSandbox({
      specs: [join(ROOT, "specs")],
      redirectUris: [`http://127.0.0.1:${port}/callback`],
    });
    try {
      const args = [
        "login",
        "--instance",
        local.instanceUrl,
        "--domain",
        local.identityDomain.url,
        "--client-id",
        local.identityDomain.clientId,
        "--redirect-uri",
        `http://127.0.0.1:${port}/callback`,
        "--scope",
        "urn:opc:resource:consumer::all",
      ];
      const child = execFile(process.execPath, [CLI, ...args], {
        cwd: work,
        env: { ...process.env, ...env, CI: "true", OIC_CLIENT_SECRET: local.identityDomain.clientSecret },
      });
      let stderr = "";
      let pageText = "";
      const done = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/authorize\?\S+)/.exec(stderr)?.[1];
        if (url && !pageText) {
          pageText = "pending";
          // No browser needed: the domain refuses at once and redirects to the loopback callback.
          void fetch(url, { redirect: "manual" }).then(async (refused) => {
            pageText = await (await fetch(refused.headers.get("location")!)).text();
          });
        }
      });
      expect(await done).toBe(1);
      expect(stderr).toMatch(/warning: the scope "urn:opc:resource:consumer::all" does not reach/);
      expect(stderr).toMatch(/invalid_scope/);
      await expect.poll(() => pageText).toMatch(/Sign-in failed/);
      expect(pageText).toMatch(/invalid_scope/);
    } finally {
      await local.close();
    }
  }, 60_000);
});
