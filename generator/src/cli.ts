import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { formatProblem, SpecError, UsageError } from "./errors.js";
import { generate, GENERATOR_VERSION, type GenerateOptions } from "./generate.js";
import { watchInputs } from "./watch.js";

const EPILOGUE = `Inputs are OIC endpoint metadata (.../metadata/swagger or .../metadata/openapi), Swagger 2.0 or OpenAPI 3.0/3.1, JSON or YAML; folders are read recursively. Each integration becomes <out>/<module>/{types,index}.ts, and <out>/index.ts exports them all with a catalogue. Files the generator did not write are never touched.

Exit codes: 0 done (or up to date with --check), 1 bad input, unsafe --out, or --check found changes.`;

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName("oic-gen")
    .usage("$0 <inputs..> --out <dir>\n\nGenerate typed functions for Oracle Integration REST triggers.")
    .command(
      "$0 <inputs..>",
      "generate one typed module per integration",
      (command) =>
        command
          .positional("inputs", { describe: "spec files or folders", type: "string", array: true, demandOption: true })
          .option("out", { alias: "o", describe: "output folder", type: "string", demandOption: true })
          .option("check", { describe: "compare with the output folder instead of writing; exit 1 and list what would change", type: "boolean", default: false })
          .option("max-file-size", { describe: "largest spec file accepted, in MB", type: "number", default: 5 })
          .option("jobs", { alias: "j", describe: "threads to use at most, the main thread included (default: one per core)", type: "number" })
          .option("watch", { alias: "w", describe: "keep running and regenerate when a spec changes (only changed integrations are re-emitted)", type: "boolean", default: false })
          .option("quiet", { alias: "q", describe: "print only problems", type: "boolean", default: false })
          .example("$0 ./specs --out src/oic", "generate from every spec under ./specs")
          .example("$0 ./specs --out src/oic --check", "in CI: fail when the generated code is out of date")
          .example("$0 ./specs --out src/oic --watch", "regenerate on every save")
          .example("$0 orders.swagger.json invoices.openapi.yaml -o src/oic", "generate from single files"),
      async (args) => {
        const options = { inputs: args.inputs as string[], out: args.out, check: args.check, maxFileSize: Math.round(args.maxFileSize * 1_000_000), jobs: args.jobs };
        if (!args.watch) {
          exitCode = await runOnce(options, args.quiet);
          return;
        }
        if (args.check) throw new UsageError("--watch and --check do not go together");
        const stop = new AbortController();
        process.once("SIGINT", () => stop.abort());
        process.once("SIGTERM", () => stop.abort());
        process.stdout.write(`oic-gen: watching ${options.inputs.join(", ")} (Ctrl-C to stop)\n`);
        await watchInputs(options.inputs, options.maxFileSize, async (cache) => {
          // In watch mode a bad spec is reported and the previous output kept; the next save tries again.
          await runOnce({ ...options, cache }, args.quiet).catch((error: unknown) => void report(error));
        }, stop.signal);
      },
    )
    .version(GENERATOR_VERSION.replace("oic-gen@", ""))
    .help()
    .alias("h", "help")
    .epilogue(EPILOGUE)
    .strict()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .parseAsync();
  return exitCode;
}

/** One generation with its summary printed; returns the exit code (1 when --check finds changes). */
async function runOnce(options: GenerateOptions, quiet: boolean): Promise<number> {
  const started = performance.now();
  const result = await generate(options);
  const { added, changed, removed } = result.changes;
  const total = added.length + changed.length + removed.length;
  const summary = `${result.integrations} integrations, ${result.operations} operations`;
  if (options.check) {
    if (total === 0) {
      if (!quiet) process.stdout.write(`oic-gen --check: ${options.out} is up to date (${summary})\n`);
      return 0;
    }
    process.stderr.write(`oic-gen --check: ${options.out} is out of date (${summary}):\n`);
    for (const [label, list] of [["added", added], ["changed", changed], ["removed", removed]] as const) {
      for (const path of list) process.stderr.write(`  ${label.padEnd(8)}${path}\n`);
    }
    process.stderr.write("Run oic-gen without --check to update it.\n");
    return 1;
  }
  if (!quiet) {
    const what = total === 0 ? "already up to date" : `${added.length} added, ${changed.length} changed, ${removed.length} removed`;
    process.stdout.write(`oic-gen: ${summary} → ${options.out}: ${what} (${((performance.now() - started) / 1000).toFixed(2)} s)\n`);
  }
  return 0;
}

function report(error: unknown): void {
  if (error instanceof SpecError) {
    process.stderr.write(`oic-gen: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"} in the input; nothing was written.\n`);
    for (const problem of error.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`oic-gen: ${error.message}\nRun oic-gen --help for usage.\n`);
  } else {
    process.stderr.write(`oic-gen: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    report(error);
    process.exitCode = 1;
  },
);
