/**
 * A fresh application folder outside the repository (so nothing resolves through the monorepo's
 * node_modules), where README commands run as typed, except that package names resolve to the packed tarballs.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** npm settings for tests: the npm cache first (the registry stays reachable), no audit, fund or update notices. */
export const NPM_ENV = {
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  npm_config_loglevel: "error",
};

/**
 * Runs one README command line in `cwd`. The README's commands use no shell syntax, so the line is split on
 * spaces; in `npm i` lines, the packages' names are replaced by their tarballs (they are not published).
 */
export async function runLine(
  line: string,
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; tarballs?: Record<string, string> } = {},
): Promise<CommandResult> {
  let [command, ...args] = line.split(/\s+/);
  if (command === "npm" && (args[0] === "i" || args[0] === "install"))
    args = args.map((arg) => options.tarballs?.[arg] ?? arg);
  try {
    const { stdout, stderr } = await promisify(execFile)(command!, args, {
      cwd,
      env: { ...process.env, ...NPM_ENV, ...options.env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : -1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
    };
  }
}

/** A long-running README command (the sandbox), started in its own process group so all of it can be stopped. */
export function startLine(line: string, cwd: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const [command, ...args] = line.split(/\s+/);
  return spawn(command!, args, {
    cwd,
    env: { ...process.env, ...NPM_ENV, FORCE_COLOR: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

/** Resolves the output once `done` says it is complete; rejects if the process ends first. */
export function waitForOutput(child: ChildProcess, done: (output: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (done(output)) {
        child.stdout!.off("data", onData);
        resolve(output);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
}

/** What `oic-gen sandbox` printed: the `oic-gen.config.json` to save as is, its `Environment:` lines, alice's password. */
export function readSandboxOutput(output: string): {
  config: string;
  env: Record<string, string>;
  alicePassword: string;
} {
  const config = /oic-gen\.config\.json:\n(\{[\s\S]*?\n\})/.exec(output)![1]!;
  const env = Object.fromEntries(
    [...output.slice(output.indexOf("Environment:")).matchAll(/^(OIC_\w+)=(.+)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
  return { config, env, alicePassword: /alice \/ (\S+?),/.exec(output)![1]! };
}

/** Stops a command started with {@link startLine}: the whole process group (npx and the server under it). */
export async function stopLine(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGINT");
  await exited;
}

export interface AppRun extends CommandResult {
  /** The sign-in URL the app printed on stderr (CI has no browser to open), if it asked for one. */
  signInUrl?: string;
}

/** Runs an app's command line in `cwd`; when it prints a sign-in URL on stderr, `signIn` handles it. */
export function runApp(
  line: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  signIn: (url: string) => Promise<void>,
): Promise<AppRun> {
  const [command, ...args] = line.split(/\s+/);
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const run: AppRun = { code: -1, stdout: "", stderr: "" };
    let signedIn: Promise<void> = Promise.resolve();
    child.stdout.on("data", (chunk: Buffer) => {
      run.stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      run.stderr += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/authorize\?\S+)/.exec(run.stderr)?.[1];
      if (url && !run.signInUrl) {
        run.signInUrl = url;
        signedIn = signIn(url);
        signedIn.catch(() => child.kill());
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      run.code = code ?? -1;
      signedIn.then(() => resolve(run), reject);
    });
  });
}
