/**
 * Scenarios that only real processes can show: a login reused by a new process, a rotated refresh token
 * surviving a restart, two processes racing one refresh token, and the token file's permissions.
 * Children run test/runtime/fixtures/oic-cli.mjs against the built runtime (runtime/dist).
 */
import { execFile, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Writable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authorizationCode, fileTokenStore } from "../../runtime/src/node.js";
import { startEnvironment, type TestEnvironment } from "../support/environment.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = fileURLToPath(new URL("./fixtures/oic-cli.mjs", import.meta.url));
let env: TestEnvironment;
let cacheHome: string;
/** Everything any child printed, checked for secrets at the end. */
const outputs: string[] = [];

beforeAll(async () => {
  // Children import runtime/dist: make sure it matches the sources under test.
  await promisify(execFile)(process.execPath, [
    join(root, "node_modules/typescript/bin/tsc"),
    "-b",
    join(root, "runtime"),
  ]);
  env = await startEnvironment({ loopbackPorts: 1 });
  cacheHome = await env.tempDir();
});
afterAll(async () => {
  await env?.close();
});

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  result: { ok: boolean; code?: string; calledBy?: string[]; calls?: number; loggedIn?: boolean };
}

/**
 * Releases several children at the same moment without a wall-clock start time: each says it is ready (its
 * modules loaded, its client built) and waits for a line on stdin; the last one to arrive releases them all.
 */
function startingLine(children: number): (stdin: Writable) => void {
  const waiting: Writable[] = [];
  return (stdin) => {
    waiting.push(stdin);
    if (waiting.length === children) for (const each of waiting) each.end("go\n");
  };
}

/**
 * Runs the CLI fixture; `onStderr` sees its stderr as it arrives (for the printed sign-in URL). With `arrive`,
 * the child waits at the starting line until `arrive` has been called for every child of the race.
 */
function runCli(
  vars: Record<string, string> = {},
  onStderr?: (text: string) => void,
  arrive?: (stdin: Writable) => void,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli], {
      cwd: root,
      stdio: [arrive ? "pipe" : "ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        CI: "true",
        XDG_CACHE_HOME: cacheHome,
        XDG_STATE_HOME: cacheHome,
        HOME: cacheHome,
        DOMAIN_URL: env.idp.url,
        CLIENT_ID: env.idp.clientId,
        CLIENT_SECRET: env.idp.clientSecret,
        INSTANCE_URL: env.oic.url,
        REDIRECT_URI: env.redirectUris[0]!,
        ...(arrive ? { WAIT_FOR_GO: "1" } : {}),
        ...vars,
      },
    });
    let stdout = "";
    let stderr = "";
    let ready = false;
    // Both are pipes (stdio above).
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (arrive && !ready && /^ready$/m.test(stderr)) {
        ready = true;
        arrive(child.stdin!);
      }
      onStderr?.(stderr);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      outputs.push(stdout, stderr);
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve({ code, stdout, stderr, result: JSON.parse(line) as ChildResult["result"] });
      } catch {
        reject(new Error(`child printed no result (exit ${code}): ${stderr.slice(0, 500)}`));
      }
    });
  });
}

/** Tokens live an hour; a child whose clock is this far ahead sees the parent's token expired. */
const HOUR = 3600_000;

/** Signs alice in from this process into the same token file the children use (1-hour tokens). */
async function loginInParent(): Promise<void> {
  const auth = authorizationCode({
    ...env.domainOptions(),
    scope: env.oic.scope,
    redirectUri: env.redirectUris[0]!,
    store: fileTokenStore({ name: "cli", dir: join(cacheHome, "oic-gen") }),
    openBrowser: env.signInAs("alice"),
  });
  await auth.login();
  env.idp.resetCounters();
}

const tokenFile = () => join(cacheHome, "oic-gen", "cli.json");
const storedRefreshToken = async () =>
  (await fileTokenStore({ name: "cli", dir: join(cacheHome, "oic-gen") }).load())?.refreshToken;

describe("across processes", () => {
  test("first login in a CLI without a browser prints the URL; signing in there completes the call", async () => {
    env.idp.resetCounters();
    let opened: Promise<void> | undefined;
    const child = await runCli({ LOGIN: "loopback" }, (stderr) => {
      const url = /To sign in, open this URL in a browser on this machine:\n\s+(\S+)/.exec(stderr)?.[1];
      if (url && !opened) opened = env.signInAs("bob")(new URL(url));
    });
    await opened;
    expect(child.result).toMatchObject({ ok: true, calledBy: ["bob"], loggedIn: true, refreshable: true });
    expect(env.idp.tokenRequests.byGrant).toEqual({ authorization_code: 1 });
  });

  test("the token file is 0600 in a 0700 folder under the user's state folder", async () => {
    if (process.platform === "win32") return;
    expect((await stat(tokenFile())).mode & 0o777).toBe(0o600);
    expect((await stat(join(cacheHome, "oic-gen"))).mode & 0o777).toBe(0o700);
  });

  test("a new process reuses the stored login without any token request", async () => {
    env.idp.resetCounters();
    const child = await runCli();
    expect(child.result).toMatchObject({ ok: true, calledBy: ["bob"] });
    expect(env.idp.tokenRequests.total).toBe(0);
  });

  test("a rotated refresh token survives a restart", async () => {
    await loginInParent();
    const first = await storedRefreshToken();
    // Each process lives an hour after the one before (its clock), so each finds the stored token expired.
    const a = await runCli({ CLOCK_AHEAD_MS: String(HOUR) });
    expect(a.result).toMatchObject({ ok: true, calledBy: ["alice"] });
    const second = await storedRefreshToken();
    // Booleans, so that a failure never prints a token.
    expect(second !== undefined && second !== first, "the first process stored a rotated refresh token").toBe(true);
    const b = await runCli({ CLOCK_AHEAD_MS: String(2 * HOUR) });
    expect(b.result).toMatchObject({ ok: true, calledBy: ["alice"] });
    expect((await storedRefreshToken()) !== second, "the second process refreshed with the rotated token").toBe(true);
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 2 });
  });

  test("two processes racing one expired token spend its refresh token once; both succeed", async () => {
    await loginInParent();
    // Both live an hour ahead (the token is expired for both) and are released together from the starting
    // line, each with 20 concurrent calls.
    const arrive = startingLine(2);
    const ahead = { CALLS: "20", CLOCK_AHEAD_MS: String(HOUR) };
    const [a, b] = await Promise.all([runCli(ahead, undefined, arrive), runCli(ahead, undefined, arrive)]);
    expect(a.result).toMatchObject({ ok: true, calls: 20, calledBy: ["alice"] });
    expect(b.result).toMatchObject({ ok: true, calls: 20, calledBy: ["alice"] });
    // The identity domain revokes the grant on refresh-token reuse, so success plus one refresh proves it.
    expect(env.idp.tokenRequests.byGrant).toEqual({ refresh_token: 1 });
  });

  test("no token, code, verifier or secret appears in any process output", () => {
    const all = outputs.join("\n");
    expect(outputs.length).toBeGreaterThanOrEqual(10);
    expect(env.idp.issuedSecrets.size).toBeGreaterThan(5);
    for (const secret of [...env.idp.issuedSecrets, env.idp.clientSecret, ...Object.values(env.idp.users)]) {
      expect(all.includes(secret), "a secret was printed").toBe(false);
    }
  });
});
