import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { commands } from "./commands/index.js";
import { UsageError } from "./errors.js";
import { GENERATOR_VERSION } from "./version.js";
import { reportError } from "./report.js";

const EPILOGUE = `Inputs are OIC endpoint metadata (.../metadata/swagger or .../metadata/openapi), Swagger 2.0 or OpenAPI 3.0/3.1, JSON or YAML; folders are read recursively. Each integration becomes <out>/<module>/{types,index}.ts, and <out>/index.ts exports them all with a catalogue. Files the generator did not write are never touched.

Exit codes: 0 done (or up to date with --check), 1 bad input, unsafe --out, a failed command, or --check found changes.`;

const cli = yargs(hideBin(process.argv))
  .scriptName("oic-gen")
  .usage("$0 <inputs..> --out <dir>\n$0 <command> [options]\n\nTyped functions for Oracle Integration REST triggers, and the commands around them.");
for (const command of commands) cli.command(command);
cli
  .version(GENERATOR_VERSION.replace("oic-gen@", ""))
  .help()
  .alias("h", "help")
  .epilogue(EPILOGUE)
  .strict()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((message, error) => {
    throw error ?? new UsageError(message);
  });

try {
  await cli.parseAsync();
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
