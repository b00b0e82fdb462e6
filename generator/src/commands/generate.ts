import type { Argv, CommandModule } from "yargs";
import { existsSync } from "node:fs";
import { closest } from "../cli/did-you-mean.js";
import { loadConfig } from "../config.js";
import { UsageError } from "../errors.js";
import { MANIFEST_NAME } from "../write/manifest.js";
import { COMMAND_NAMES } from "./command-names.js";
import { generate, type GenerateOptions } from "../generate.js";
import { reportError, reportWarnings, type TextSink } from "../report.js";
import { watchInputs } from "../watch.js";

/** The generate command's arguments, as yargs parses them (or `plainGenerateArgs` for a plain run). */
export interface GenerateArgs {
  inputs?: string[];
  out?: string;
  config?: string;
  check: boolean;
  strict: boolean;
  maxFileSize: number;
  maxExpansion: number;
  jobs?: number;
  watch: boolean;
  quiet: boolean;
}

/** `oic-gen <inputs..> --out <dir>`: the default command. */
export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: ["$0 [inputs..]", "generate [inputs..]"],
  describe: "generate one typed module per integration (the default command)",
  builder: (command: Argv) =>
    command
      .positional("inputs", { describe: "spec files or folders (config: specs)", type: "string", array: true })
      .option("out", { alias: "o", describe: "output folder (config: out)", type: "string" })
      .option("config", {
        describe: "config file (default: the nearest oic-gen.config.json from here up to the project root)",
        type: "string",
      })
      .option("check", {
        describe: "compare with the output folder instead of writing; exit 1 and list what would change",
        type: "boolean",
        default: false,
      })
      .option("strict", {
        describe: "refuse sloppy specs that would otherwise be repaired with a warning (exit 1)",
        type: "boolean",
        default: false,
      })
      .option("max-file-size", { describe: "largest spec file accepted, in MB", type: "number", default: 5 })
      .option("max-expansion", {
        describe: "how many times larger than its files a spec may grow once YAML aliases and references are expanded",
        type: "number",
        default: 20,
      })
      .option("jobs", {
        alias: "j",
        describe: "threads to use at most, the main thread included (default: one per idle core)",
        type: "number",
      })
      .option("watch", {
        alias: "w",
        describe: "keep running and regenerate when a spec changes (only changed integrations are re-emitted)",
        type: "boolean",
        default: false,
      })
      .option("quiet", { alias: "q", describe: "print only problems", type: "boolean", default: false })
      .example("$0 ./specs --out src/oic", "generate from every spec under ./specs")
      .example("$0 ./specs --out src/oic --check", "in CI: fail when the generated code is out of date")
      .example("$0 ./specs --out src/oic --watch", "regenerate on every save")
      .example("$0 ./specs --out src/oic --strict", "refuse sloppy specs instead of repairing them with a warning")
      .example(
        "$0 orders.swagger.json invoices.openapi.yaml -o src/oic",
        "generate from single files",
      ) as unknown as Argv<GenerateArgs>,
  handler: (args) => runGenerate(args),
};

/** Runs the generate command with parsed arguments: once, or with `--watch` until interrupted. */
export async function runGenerate(args: GenerateArgs): Promise<void> {
  if (args.inputs?.length) refuseMistypedCommand(args.inputs);
  const config = loadConfig(args.config);
  const inputs = args.inputs?.length ? args.inputs : config.specs ? [config.specs] : undefined;
  const out = args.out ?? config.out;
  if (!inputs || !out)
    throw new UsageError(
      `${!inputs ? "no inputs" : "no --out"}: give them on the command line or as ${!inputs ? '"specs"' : '"out"'} in oic-gen.config.json`,
    );
  if (!(args.maxFileSize > 0)) throw new UsageError("--max-file-size must be a positive number of megabytes");
  if (!(args.maxExpansion > 0)) throw new UsageError("--max-expansion must be a positive number");
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1))
    throw new UsageError("--jobs must be a whole number of at least 1");
  const options: GenerateOptions = {
    inputs,
    out,
    check: args.check,
    strict: args.strict,
    moduleNames: config.moduleNames,
    maxFileSize: Math.round(args.maxFileSize * 1_000_000),
    maxExpansion: args.maxExpansion,
    jobs: args.jobs,
  };
  if (!args.watch) {
    process.exitCode = await runOnce(options, args.quiet);
    return;
  }
  if (args.check) throw new UsageError("--watch and --check do not go together");
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  process.stdout.write(`oic-gen: watching ${options.inputs.join(", ")} (Ctrl-C to stop)\n`);
  await watchInputs(
    options.inputs,
    options.maxFileSize!,
    async (cache) => {
      // In watch mode a bad spec is reported and the previous output kept; the next save tries again.
      await runOnce({ ...options, cache }, args.quiet).catch(reportError);
    },
    stop.signal,
  );
}

/**
 * One generation with its summary printed (on the process's streams unless `io` says otherwise); returns the
 * exit code (1 when --check finds changes).
 */
export async function runOnce(
  options: GenerateOptions,
  quiet: boolean,
  io: { stdout: TextSink; stderr: TextSink } = process,
): Promise<number> {
  const started = performance.now();
  const result = await generate(options);
  reportWarnings(result.warnings, io.stderr);
  // The manifest follows the generated files: listing it would make every change look like one more.
  const [added, changed, removed] = [result.changes.added, result.changes.changed, result.changes.removed].map((list) =>
    list.filter((path) => path !== MANIFEST_NAME),
  ) as [string[], string[], string[]];
  const total = added.length + changed.length + removed.length;
  const summary = `${count(result.integrations, "integration")}, ${count(result.operations, "operation")}`;
  if (options.check) {
    if (total === 0) {
      if (!quiet) io.stdout.write(`oic-gen --check: ${options.out} is up to date (${summary})\n`);
      return 0;
    }
    io.stderr.write(`oic-gen --check: ${options.out} is out of date (${summary}):\n`);
    for (const [label, list] of [
      ["added", added],
      ["changed", changed],
      ["removed", removed],
    ] as const) {
      for (const path of list) io.stderr.write(`  ${label.padEnd(8)}${path}\n`);
    }
    io.stderr.write("Run oic-gen without --check to update it.\n");
    return 1;
  }
  if (!quiet) {
    const what =
      total === 0
        ? "already up to date"
        : `${added.length} added, ${changed.length} changed, ${removed.length} removed`;
    io.stdout.write(
      `oic-gen: ${summary} → ${options.out}: ${what} (${((performance.now() - started) / 1000).toFixed(2)} s)\n`,
    );
  }
  return 0;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** `oic-gen pul`: a word that is neither a file nor a command, but close to a command, is a typo. */
function refuseMistypedCommand(inputs: readonly string[]): void {
  for (const input of inputs) {
    if (existsSync(input) || /[./\\]/.test(input)) continue;
    const command = closest(input, COMMAND_NAMES);
    if (command)
      throw new UsageError(
        `unknown command "${input}" (did you mean oic-gen ${command}?); it is not a spec file or folder either`,
      );
  }
}
