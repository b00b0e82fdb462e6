/**
 * `oic-gen login --device` against the sandbox, as from an SSH session: the CLI prints a page and a code,
 * a person enters it in a browser elsewhere (headless Chromium), and the login is cached where `status` and
 * `pull` find it. Once with the client secret, once with a key instead (private_key_jwt).
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/src/index.js";
import { CLI, ROOT, tempDir } from "../generator/support.js";
import { enterDeviceCode, launchBrowser } from "../support/browser.js";
import { rsaKey } from "../support/keys.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("oic-gen login --device", () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let work: string;
  let keyFile: string;
  const outputs: string[] = [];

  /** Runs the CLI; when it shows a device code, `user` enters it (or denies it) in Chromium. */
  function oicGen(args: string[], env: NodeJS.ProcessEnv, user?: "alice" | "bob", deny = false): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      let entering = false;
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const shown = /open this page[^\n]*\n\s+(\S+)\nand enter the code:\n\s+(\S+)\n/.exec(stderr);
        if (shown && user && !entering) {
          entering = true;
          enterDeviceCode(
            browser,
            { verificationUri: shown[1]!, userCode: shown[2]! },
            user,
            sandbox.identityDomain.users[user]!,
            { deny },
          ).catch(reject);
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
    const key = rsaKey();
    // interval 1: the CLI polls every second instead of RFC 8628's 5 s default (identity domains send none;
    // that default is pinned in test/runtime/device-code), so no login here waits 5 s for its first poll.
    sandbox = await startSandbox({
      specs: [join(ROOT, "specs")],
      certificates: { "oic-gen-cli": key.publicPem },
      deviceCodeInterval: 1,
    });
    browser = await launchBrowser();
    work = tempDir("device-login");
    keyFile = join(work, "oic-gen-key.pem");
    writeFileSync(keyFile, key.pkcs8Pem, { mode: 0o600 });
    writeFileSync(
      join(work, "oic-gen.config.json"),
      JSON.stringify({
        instanceUrl: sandbox.instanceUrl,
        domainUrl: sandbox.identityDomain.url,
        clientId: sandbox.identityDomain.clientId,
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  const envFor = (name: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const { OIC_CLIENT_SECRET: _secret, ...rest } = process.env;
    return {
      ...rest,
      CI: "true",
      FORCE_COLOR: "0",
      XDG_CACHE_HOME: join(work, name, "cache"),
      XDG_STATE_HOME: join(work, name, "state"),
      ...extra,
    };
  };

  it("prints the page and the code, waits for the person, caches the login; status and pull use it", async () => {
    const env = envFor("secret", { OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret });
    const login = await oicGen(["login", "--device"], env, "alice");
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(`${sandbox.identityDomain.url}/ui/v1/device`);
    expect(login.stdout).toMatch(/signed in as alice/i);
    // This machine, like CI and containers, has no Secret Service: the CLI says it used the file.
    expect(login.stdout).toContain(`kept in ${join(work, "secret", "state", "oic-gen")}`);
    expect(login.stdout).toContain("no OS keychain here");
    const status = await oicGen(["status"], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/alice/);
    const pull = await oicGen(["pull", "--out", join(work, "secret", "specs")], env);
    expect(pull.code, pull.stderr).toBe(0);
  });

  it("with --client-key and --client-key-id, no secret is needed at all", async () => {
    const env = envFor("key");
    const args = ["--client-key", keyFile, "--client-key-id", "oic-gen-cli"];
    const login = await oicGen(["login", "--device", ...args], env, "bob");
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/signed in as bob/i);
    expect((await oicGen(["status", ...args], env)).stdout).toMatch(/bob/);
  });

  it("a denied code fails with a clear message and exit 1", async () => {
    const login = await oicGen(
      ["login", "--device"],
      envFor("denied", { OIC_CLIENT_SECRET: sandbox.identityDomain.clientSecret }),
      "alice",
      true,
    );
    expect(login.code).toBe(1);
    expect(login.stderr).toMatch(/denied/);
  });

  it("--client-key without --client-key-id is a usage error", async () => {
    const run = await oicGen(["login", "--device", "--client-key", keyFile], envFor("usage"));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("--client-key-id");
  });

  it("never prints a token, device code, assertion or key", () => {
    const everything = outputs.join("\n");
    expect(everything.length).toBeGreaterThan(0);
    for (const secret of sandbox.identityDomain.issuedSecrets) expect(everything).not.toContain(secret);
    expect(everything).not.toContain("PRIVATE KEY");
    expect(everything).not.toContain(sandbox.identityDomain.clientSecret);
  });
});
