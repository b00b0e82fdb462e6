import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createRequire } from "node:module";
import type ts from "typescript";
import { writeFleet } from "../../scripts/fleet/write-fleet.mjs";
import { requireWithCodeCache } from "../../generator/dist/emit/code-cache.js";
import type { GenerateOptions } from "../../generator/dist/generate.js";

// TypeScript and the generator are loaded on first use, not on import: most files that import this one for
// ROOT, tempDir or runCli never type-check or generate in-process, and would pay a second or so each for them.
// TypeScript comes through the generator's code cache, as the generator loads it: on Node 20, compiling its
// 9 MB again in each test file that type-checks costs a third of a second.
let typescript: typeof ts | undefined;
const loadTypescript = (): typeof ts =>
  (typescript ??= requireWithCodeCache(createRequire(import.meta.url), "typescript") as typeof ts);

export const ROOT = resolve(import.meta.dirname, "../..");
/** Vendored third-party and OIC fixtures (with their licences): the repository needs nothing beside it. */
export const FIXTURES = join(ROOT, "test/fixtures");
export const CLI = join(ROOT, "generator/bin/oic-gen.js");
const TMP = join(ROOT, "test/.tmp");

/** A fresh folder under test/.tmp (inside the repo, so generated code resolves @oic-gen/runtime). */
export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${prefix}-`));
}

/** Runs the built CLI like a user would. */
export function runCli(
  args: string[],
  options: { cwd?: string; timeout?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> & { output: string } {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    timeout: options.timeout ?? 120_000,
    env: { ...process.env, FORCE_COLOR: "0", ...options.env },
  });
  return Object.assign(result, { output: `${result.stdout}${result.stderr}` });
}

/**
 * `oic-gen <inputs..> --out <dir> [--check] [--strict] [-q]` in this process: the same generation and the same report as
 * the CLI (`runOnce`, `reportError`) without a process start-up each time. Exit codes of the real process,
 * other flags, signals and the working directory: use `runCli`.
 */
export async function runHere(
  args: string[],
  extra: Partial<GenerateOptions> = {},
): Promise<{ status: number; stdout: string; stderr: string; output: string }> {
  const inputs: string[] = [];
  let out: string | undefined;
  let check = false;
  let strict = false;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--out" || arg === "-o") out = args[++i];
    else if (arg === "--check") check = true;
    else if (arg === "--strict") strict = true;
    else if (arg === "-q" || arg === "--quiet") quiet = true;
    else if (arg.startsWith("-")) throw new Error(`runHere does not take ${arg}: use runCli`);
    else inputs.push(arg);
  }
  if (!out) throw new Error("runHere needs --out");
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  // The built generator, like the CLI: its emitter starts worker threads from dist/ (they cannot load .ts).
  const [{ runOnce }, { reportError }] = await Promise.all([
    import("../../generator/dist/commands/generate.js"),
    import("../../generator/dist/report.js"),
  ]);
  // The CLI's defaults: --max-file-size 5 (MB), one job per core.
  const status = await runOnce({ inputs, out, check, strict, maxFileSize: 5_000_000, ...extra }, quiet, io).catch(
    (error: unknown) => {
      reportError(error, io.stderr);
      return 1;
    },
  );
  return { status, stdout, stderr, output: stdout + stderr };
}

/** Runs the CLI without blocking this process (for tests that serve something to it). */
export function runCliAsync(
  args: string[],
  options: { cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr, output: stdout + stderr }));
  });
}

/** Every file under `dir` (relative path → SHA-256), for "byte-for-byte unchanged" checks. */
export function hashTree(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) hashes[relative(dir, path)] = `symlink:${readlinkSync(path)}`;
      else hashes[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  return hashes;
}

/**
 * Type-checks files as `tsc --noEmit --strict` would under the given module resolution and returns the
 * diagnostics, formatted like tsc's (empty when it compiles). One TypeScript program per call, in this process:
 * no tsc start-up per check. `skipLibCheck`: the generated files are checked in full; the declaration files of
 * node_modules are the compiler's and packages' business, not this project's.
 */
export function typecheck(files: string[], resolution: "NodeNext" | "Bundler", extra: ts.CompilerOptions = {}): string {
  return formatDiagnostics(diagnose(files, resolution, extra));
}

/** The diagnostics of {@link typecheck}, unformatted (to tell apart the files a single program checked). */
export function diagnose(
  files: string[],
  resolution: "NodeNext" | "Bundler",
  extra: ts.CompilerOptions = {},
): readonly ts.Diagnostic[] {
  const ts = loadTypescript();
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: resolution === "NodeNext" ? ts.ModuleKind.NodeNext : ts.ModuleKind.ESNext,
    moduleResolution: resolution === "NodeNext" ? ts.ModuleResolutionKind.NodeNext : ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
    ...extra,
  };
  const program = ts.createProgram(
    files.map((file) => resolve(file)),
    options,
  );
  return ts.getPreEmitDiagnostics(program);
}

/** Diagnostics as tsc prints them, paths relative to the repository; empty when there are none. */
export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  const ts = loadTypescript();
  return ts
    .formatDiagnostics(diagnostics, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => "\n",
    })
    .trim();
}

/** A fresh folder holding the project's deterministic OIC-style fleet (scripts/make-fleet.mjs). */
export function fleet(count: number, seed: number, options: { hostile?: boolean; prefix?: string } = {}): string {
  const out = tempDir(options.prefix ?? `fleet-${seed}`);
  writeFleet({ out, count, seed, hostile: options.hostile ?? false });
  return out;
}

/** All .ts files under a folder. */
export function tsFiles(dir: string): string[] {
  return Object.keys(hashTree(dir))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file));
}
