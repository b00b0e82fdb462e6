/**
 * The packages as published: what the tarballs hold and declare (publint, Are the Types Wrong?), and, in
 * the second part, a fresh app that installs them and follows the README's "Using oic-gen in your own project".
 */
import { execFile, type ChildProcess } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillSignIn, launchBrowser } from "../support/browser.js";
import { freePort } from "../support/environment.js";
import {
  readSandboxOutput,
  runApp,
  runLine,
  startLine,
  stopLine,
  waitForOutput,
  type AppRun,
  type CommandResult,
} from "./fresh-app.js";
import { pack, ROOT, type Packed, type Workspace } from "./pack.js";
import { block, commands, ownProjectBlocks } from "./readme-section.js";

let work: string;
let runtime: Packed;
let generator: Packed;
let sandboxPackage: Packed;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "oic-gen-packed-"));
  ({ runtime, generator, sandbox: sandboxPackage } = await pack(["runtime", "generator", "sandbox"], work));
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function manifest(workspace: Workspace): Promise<Record<string, any>> {
  return JSON.parse(await readFile(join(ROOT, workspace, "package.json"), "utf8")) as Record<string, any>;
}

describe("what the tarballs hold", () => {
  const packed = (workspace: Workspace) =>
    workspace === "runtime" ? runtime : workspace === "generator" ? generator : sandboxPackage;

  it.each(["runtime", "generator", "sandbox"] as const)(
    "%s: README, LICENSE, repository, exports with ./package.json, files, engines",
    async (workspace) => {
      const json = await manifest(workspace);
      expect(packed(workspace).files).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json"]));
      expect(json.license).toBe("MIT");
      expect(json.repository).toMatchObject({ type: "git", directory: workspace });
      expect(json.exports["./package.json"]).toBe("./package.json");
      expect(Array.isArray(json.files)).toBe(true);
      // The sandbox's oidc-provider supports the LTS lines from 22 on; the others still run on 20.19.
      expect(json.engines.node).toMatch(workspace === "sandbox" ? /^\^22\.12\.0 \|\| >=24$/ : /20\.19/);
    },
  );

  it("runtime: ships its sources, and every map points at a file in the tarball", async () => {
    const maps = runtime.files.filter((file) => file.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(10);
    // The maps unpacked once (one tar, not one per map), read from there.
    const unpacked = await mkdtemp(join(work, "runtime-maps-"));
    await promisify(execFile)("tar", ["-xzf", runtime.tarball, "-C", unpacked, ...maps.map((map) => `package/${map}`)]);
    for (const map of maps) {
      const text = await readFile(join(unpacked, "package", map), "utf8");
      for (const source of (JSON.parse(text) as { sources: string[] }).sources) {
        expect(runtime.files, `${map} → ${source}`).toContain(join(map, "..", source));
      }
    }
  });

  it.each(["generator", "sandbox"] as const)(
    "%s: JavaScript and declarations, no sources, no maps pointing at them",
    (workspace) => {
      const files = packed(workspace).files;
      expect(files.filter((file) => file.endsWith(".map") || file.startsWith("src/"))).toEqual([]);
      const expected =
        workspace === "generator"
          ? ["bin/oic-gen.js", "dist/cli.js", "dist/sandbox-support/index.d.ts", "dist/emit/templates.generated.js"]
          : ["dist/index.js", "dist/index.d.ts", "assets/idcs-openid-configuration.json"];
      expect(files).toEqual(expect.arrayContaining(expected));
    },
  );

  it("generator: installing it does not install the sandbox's OAuth server; the sandbox depends on the generator, not the reverse", async () => {
    const generatorJson = await manifest("generator");
    const sandboxJson = await manifest("sandbox");
    const all = (json: Record<string, any>) =>
      Object.keys({ ...json.dependencies, ...json.peerDependencies, ...json.optionalDependencies });
    expect(all(generatorJson)).not.toContain("oidc-provider");
    expect(all(generatorJson)).not.toContain("@oic-gen/sandbox");
    expect(sandboxJson.dependencies["oidc-provider"]).toBeDefined();
    expect(sandboxJson.peerDependencies).toMatchObject({ "oic-gen": `^${generatorJson.version}` });
  });

  it("generator: the runtime is a peer dependency with a range the runtime's version satisfies, not a dependency", async () => {
    const json = await manifest("generator");
    const runtimeVersion = (await manifest("runtime")).version as string;
    expect(json.dependencies["@oic-gen/runtime"]).toBeUndefined();
    expect(json.peerDependencies["@oic-gen/runtime"]).toBe(`^${runtimeVersion}`);
  });

  it.each(["runtime", "generator", "sandbox"] as const)(
    "%s: publint finds nothing, not even a suggestion",
    async (workspace) => {
      const tarball = await readFile(packed(workspace).tarball);
      const { messages } = await publint({
        pack: {
          tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer,
        },
        level: "suggestion",
        strict: true,
      });
      expect(messages).toEqual([]);
    },
  );

  it.each(["runtime", "generator", "sandbox"] as const)(
    "%s: Are the Types Wrong? finds no problem for an ESM-only package",
    async (workspace) => {
      // The checks of the attw command line, in this process (one TypeScript for the three packages). esm-only:
      // the packages are ES modules on purpose (Node 20.19+ can still require() them), so the CommonJS and node10
      // resolutions are not checked, as `attw --profile esm-only` leaves them out; any other problem counts.
      const { checkPackage, createPackageFromTarballData } = await import("@arethetypeswrong/core");
      const analysis = await checkPackage(
        createPackageFromTarballData(new Uint8Array(await readFile(packed(workspace).tarball))),
      );
      if (!("problems" in analysis)) throw new Error(`attw found no types in ${workspace}`);
      const esmProblems = analysis.problems.filter(
        (problem) =>
          !("resolutionKind" in problem) ||
          (problem.resolutionKind !== "node10" && problem.resolutionKind !== "node16-cjs"),
      );
      expect(esmProblems).toEqual([]);
    },
    60_000,
  );
});

/** Signs alice in through Chromium at the sign-in URL an app printed, until the browser lands on `redirectUri`. */
async function signInAlice(browser: Browser, url: string, password: string, redirectUri: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await fillSignIn(page, "alice", password, (landing) => landing.href.startsWith(redirectUri));
  } finally {
    await context.close();
  }
}

describe("a fresh app installs the tarballs and follows the README's own-project section", () => {
  const blocks = ownProjectBlocks(ROOT);
  let app: string;
  let sandbox: ChildProcess | undefined;
  let browser: Browser | undefined;
  /** The settings the sandbox printed under "Environment:", as the README says to export them. */
  let sandboxEnv: Record<string, string>;
  let alicePassword: string;
  let redirectUri: string;
  /** Everything the app and the CLI printed, checked for secrets at the end. */
  const outputs: string[] = [];
  const appEnv = () => ({
    ...sandboxEnv,
    CI: "true",
    XDG_CACHE_HOME: join(app, ".cache"),
    XDG_STATE_HOME: join(app, ".state"),
    OIC_GEN_TOKEN_STORE: "file",
  });
  const readme = async (line: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> => {
    const result = await runLine(line, app, {
      env,
      tarballs: {
        "@oic-gen/runtime": runtime.tarball,
        "oic-gen": generator.tarball,
        "@oic-gen/sandbox": sandboxPackage.tarball,
      },
    });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), "oic-gen-app-"));
    // "Your project": any npm package; the README's step 4 asks for "type": "module".
    expect((await runLine("npm init -y", app)).code).toBe(0);
    expect((await runLine("npm pkg set type=module", app)).code).toBe(0);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopLine(sandbox);
    if (app) await rm(app, { recursive: true, force: true });
  });

  it("1. installs the runtime as a dependency and the generator as a dev dependency, without the registry knowing either", async () => {
    for (const line of commands(block(blocks, "1.", "sh"))) {
      const result = await readme(line);
      expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    }
    const json = JSON.parse(await readFile(join(app, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(json.dependencies)).toEqual(["@oic-gen/runtime"]);
    expect(Object.keys(json.devDependencies)).toEqual(expect.arrayContaining(["oic-gen", "typescript", "@types/node"]));
    // The generator resolves the runtime the app declared (one copy), not one of its own.
    await expect(
      readFile(join(app, "node_modules/oic-gen/node_modules/@oic-gen/runtime/package.json")),
    ).rejects.toThrow();
    // No OAuth server came with the generator; asked for the sandbox, it says how to install it.
    await expect(readFile(join(app, "node_modules/oidc-provider/package.json"))).rejects.toThrow();
    const missing = await readme("npx oic-gen sandbox");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("npm i -D @oic-gen/sandbox");
    expect(missing.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
  }, 180_000);

  it("2. installs the sandbox; it prints a complete oic-gen.config.json that is saved as is", async () => {
    await cp(join(ROOT, "specs"), join(app, "specs"), { recursive: true });
    const [install, start] = commands(block(blocks, "2.", "sh"));
    expect([install, start]).toEqual(["npm i -D @oic-gen/sandbox", "npx oic-gen sandbox"]);
    const installed = await readme(install!);
    expect(installed.code, installed.stderr).toBe(0);
    // The default redirect URL has a fixed port; a free one keeps parallel runs apart (the README's --redirect-uri).
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    sandbox = startLine(`${start} --redirect-uri ${redirectUri}`, app);
    const output = await waitForOutput(sandbox, (text) => /^OIC_REDIRECT_URI=.+$/m.test(text));
    const printed = readSandboxOutput(output);
    const config = printed.config;
    expect(JSON.parse(config)).toMatchObject({
      clientId: "oic-gen-sandbox",
      redirectUri,
      specs: "./specs",
      out: "src/oic",
    });
    await writeFile(join(app, "oic-gen.config.json"), `${config}\n`);
    sandboxEnv = printed.env;
    expect(Object.keys(sandboxEnv).sort()).toEqual([
      "OIC_CLIENT_ID",
      "OIC_CLIENT_SECRET",
      "OIC_DOMAIN_URL",
      "OIC_REDIRECT_URI",
      "OIC_URL",
    ]);
    alicePassword = printed.alicePassword;
  }, 60_000);

  it("3. generates src/oic from specs/ with the config alone", async () => {
    const lines = commands(block(blocks, "3.", "sh"));
    // login and pull need a browser sign-in of their own (test/workflow covers them); the specs were copied
    // by hand, which the README offers, so the last line is the one to run.
    expect(lines).toEqual(["npx oic-gen login", "npx oic-gen pull", "npx oic-gen"]);
    const result = await readme(lines.at(-1)!);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/8 integrations, \d+ operations/);
  }, 60_000);

  it("4. compiles the README's app with the README's strict tsconfig (NodeNext), and under Bundler resolution", async () => {
    await writeFile(join(app, "tsconfig.json"), block(blocks, "4.", "json", "compilerOptions"));
    await mkdir(join(app, "src"), { recursive: true });
    await writeFile(join(app, "src/app.ts"), block(blocks, "4.", "ts"));
    const bundler = {
      extends: "./tsconfig.json",
      compilerOptions: { module: "preserve", moduleResolution: "bundler", noEmit: true },
    };
    await writeFile(join(app, "tsconfig.bundler.json"), JSON.stringify(bundler));
    const nodeNext = await readme("npx tsc");
    expect(nodeNext.code, nodeNext.stdout).toBe(0);
    // Not a README line: the app's own tsc, without npx in front.
    const withBundler = await readme("node node_modules/typescript/bin/tsc -p tsconfig.bundler.json");
    expect(withBundler.code, withBundler.stdout).toBe(0);
  }, 120_000);

  it("5. runs: the first call prints the sign-in URL (CI), Chromium signs alice in, the call returns; the next run reuses the login", async () => {
    const [build, run] = commands(block(blocks, "5.", "sh"));
    expect(build).toBe("npx tsc");
    browser = await launchBrowser();
    const first = await runReadmeApp(run!, (url) => signInAlice(browser!, url, alicePassword, redirectUri));
    expect(first.code, first.stderr).toBe(0);
    expect(first.signInUrl).toBeDefined();
    expect(first.stdout).toMatch(/^order \S+: \S+$/m);
    const second = await runReadmeApp(run!, async () => {
      throw new Error("the second run must not ask for a sign-in");
    });
    expect(second.code, second.stderr).toBe(0);
    expect(second.signInUrl).toBeUndefined();
    expect(second.stdout).toMatch(/^order \S+: \S+$/m);
  }, 120_000);

  it("6. --check passes while src/oic matches specs/, and fails once a spec changes", async () => {
    const [check] = commands(block(blocks, "6.", "sh"));
    expect(check).toBe("npx oic-gen --check");
    expect((await readme(check!)).code).toBe(0);
    const spec = join(app, "specs/ORDERS_SYNC_01.00.0000.swagger.json");
    await writeFile(spec, (await readFile(spec, "utf8")).replace('"summary" : "', '"summary" : "Changed: '));
    const stale = await readme(check!);
    expect(stale.code).toBe(1);
    expect(stale.stdout + stale.stderr).toMatch(/orders-sync-v1-0/);
  }, 60_000);

  it("printed no secret: neither the client secret nor a token", async () => {
    const secret = sandboxEnv.OIC_CLIENT_SECRET!;
    const stored = JSON.parse(await readFile(join(app, ".state/oic-gen/my-app.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const tokens = JSON.stringify(stored).match(/eyJ[\w-]+\.[\w-]+\.[\w-]+|[A-Za-z0-9_-]{40,}/g) ?? [];
    expect(tokens.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(output).not.toContain(secret);
      for (const token of tokens) expect(output).not.toContain(token);
    }
  });

  const runReadmeApp = async (line: string, signIn: (url: string) => Promise<void>): Promise<AppRun> => {
    const run = await runApp(line, app, appEnv(), signIn);
    outputs.push(run.stdout, run.stderr);
    return run;
  };
});

describe("the same with pnpm: its strict node_modules holds only what the app declares", () => {
  // pnpm is a pinned dev dependency of this repository (it has no install script), so no download step.
  const pnpm = join(ROOT, "node_modules/.bin/pnpm");
  const blocks = ownProjectBlocks(ROOT);
  let app: string;
  let sandbox: ChildProcess | undefined;
  let browser: Browser | undefined;
  let env: Record<string, string>;
  const outputs: string[] = [];
  const run = async (line: string): Promise<CommandResult> => {
    const result = await runLine(`${pnpm} ${line}`, app, { env: { ...env, CI: "true" } });
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), "oic-gen-pnpm-app-"));
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "pnpm-app", private: true, type: "module" }));
    env = { XDG_CACHE_HOME: join(app, ".cache"), XDG_STATE_HOME: join(app, ".state"), OIC_GEN_TOKEN_STORE: "file" };
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopLine(sandbox);
    if (app) await rm(app, { recursive: true, force: true });
  });

  it("installs, starts the sandbox, generates, compiles (NodeNext) and calls, with nothing hoisted", async () => {
    // The README's steps 1 and 2, in pnpm's words.
    for (const line of [
      `add ${runtime.tarball}`,
      `add -D ${generator.tarball} ${sandboxPackage.tarball} typescript @types/node`,
    ]) {
      const result = await run(line);
      expect(result.code, `${line}\n${result.stdout}${result.stderr}`).toBe(0);
    }
    // Strict layout: the runtime's own dependencies are not reachable from the app, so generated code that
    // imported one of them (rather than @oic-gen/runtime) would fail to compile below.
    await expect(readFile(join(app, "node_modules/openapi-fetch/package.json"))).rejects.toThrow();
    await expect(readFile(join(app, "node_modules/oidc-provider/package.json"))).rejects.toThrow();

    await cp(join(ROOT, "specs"), join(app, "specs"), { recursive: true });
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    sandbox = startLine(`${pnpm} exec oic-gen sandbox --redirect-uri ${redirectUri}`, app);
    const printed = readSandboxOutput(await waitForOutput(sandbox, (text) => /^OIC_REDIRECT_URI=.+$/m.test(text)));
    await writeFile(join(app, "oic-gen.config.json"), `${printed.config}\n`);
    env = { ...env, ...printed.env };

    const generated = await run("exec oic-gen");
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/8 integrations, \d+ operations/);

    await writeFile(join(app, "tsconfig.json"), block(blocks, "4.", "json", "compilerOptions"));
    await mkdir(join(app, "src"), { recursive: true });
    await writeFile(join(app, "src/app.ts"), block(blocks, "4.", "ts"));
    const compiled = await run("exec tsc");
    expect(compiled.code, compiled.stdout).toBe(0);

    browser = await launchBrowser();
    const [, start] = commands(block(blocks, "5.", "sh"));
    const called = await runApp(start!, app, { ...env, CI: "true" }, (url) =>
      signInAlice(browser!, url, printed.alicePassword, redirectUri),
    );
    outputs.push(called.stdout, called.stderr);
    expect(called.code, called.stderr).toBe(0);
    expect(called.signInUrl).toBeDefined();
    expect(called.stdout).toMatch(/^order \S+: \S+$/m);
    for (const output of outputs) expect(output).not.toContain(printed.env.OIC_CLIENT_SECRET!);
  }, 180_000);
});
