import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { closest } from "./did-you-mean.js";
import { commands } from "../commands/index.js";
import { UsageError } from "../errors.js";
import { GENERATOR_VERSION } from "../version.js";

const EPILOGUE = `Inputs are OIC endpoint metadata (.../metadata/swagger or .../metadata/openapi), Swagger 2.0 or OpenAPI 3.0/3.1, JSON or YAML; folders are read recursively. Each integration becomes <out>/<module>/{types,index}.ts, and <out>/index.ts exports them all with a catalogue. Files the generator did not write are never touched.

Exit codes: 0 done (or up to date with --check), 1 bad input, unsafe --out, a failed command, or --check found changes.`;

// The options of the command being parsed, recorded by its builder, so an unknown flag can get a did-you-mean.
let knownOptions: string[] = [];

const cli = yargs(hideBin(process.argv))
  .scriptName("oic-gen")
  .usage(
    "$0 <inputs..> --out <dir>\n$0 <command> [options]\n\nTyped functions for Oracle Integration REST triggers, and the commands around them.",
  );
for (const command of commands) {
  const builder = command.builder as ((argv: Argv) => Argv) | undefined;
  cli.command({
    ...command,
    builder: (argv: Argv) => {
      const built = builder ? builder(argv) : argv;
      knownOptions = Object.keys(
        (built as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key,
      );
      return built;
    },
  });
}
cli
  .version(GENERATOR_VERSION.replace("oic-gen@", ""))
  .help()
  .alias("h", "help")
  .epilogue(EPILOGUE)
  .strict()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((message, error) => {
    throw error ?? new UsageError(withSuggestions(message));
  });

/** "Unknown argument: ouput" → "unknown option --ouput (did you mean --out?)". */
function withSuggestions(message: string): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (!unknown) return message;
  const options = knownOptions.filter((name) => name.length > 1);
  // yargs reports `--page-sise` twice, also as `pageSise`: keep the spelling the user typed.
  const typed = [
    ...new Set(unknown[1]!.split(", ").map((name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))),
  ];
  const described = typed.map((name) => {
    const flag = name.length === 1 ? `-${name}` : `--${name}`;
    const suggestion = closest(name, options);
    return suggestion ? `${flag} (did you mean --${suggestion}?)` : flag;
  });
  return `unknown option${described.length === 1 ? "" : "s"} ${described.join(", ")}`;
}

/** Parses the command line with yargs and runs the command it names (every command, help and version). */
export async function parseWithYargs(): Promise<void> {
  await cli.parseAsync();
}
