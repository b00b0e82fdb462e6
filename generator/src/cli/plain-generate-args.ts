import { COMMAND_NAMES } from "../commands/command-names.js";
import type { GenerateArgs } from "../commands/generate.js";

/** The generate command's options that take a value, by every spelling `plainGenerateArgs` accepts. */
const VALUES: Record<string, "out" | "config" | "maxFileSize" | "maxExpansion" | "jobs"> = {
  "--out": "out",
  "-o": "out",
  "--config": "config",
  "--max-file-size": "maxFileSize",
  "--max-expansion": "maxExpansion",
  "--jobs": "jobs",
  "-j": "jobs",
};
const NUMBERS = new Set(["maxFileSize", "maxExpansion", "jobs"]);
const SWITCHES: Record<string, "check" | "strict" | "watch" | "quiet"> = {
  "--check": "check",
  "--strict": "strict",
  "--watch": "watch",
  "-w": "watch",
  "--quiet": "quiet",
  "-q": "quiet",
};

/**
 * The arguments of a plain generate run (`oic-gen <inputs..> --out <dir> [--check] [-q] ...`), read without
 * yargs: loading yargs and every command's module costs about a third of a re-run that has nothing to do.
 * Anything else gives `undefined` and goes through yargs as before, so help, version, other commands and every
 * message about a mistake stay yargs's own: an option not listed above or given twice, `--opt=value` forms of
 * switches, `--no-…`, camelCase spellings, `--`, a value that starts with `-` or is not a plain decimal number,
 * or a first word that names a command.
 */
export function plainGenerateArgs(argv: readonly string[]): GenerateArgs | undefined {
  const args: GenerateArgs = {
    inputs: [],
    check: false,
    strict: false,
    maxFileSize: 5,
    maxExpansion: 20,
    watch: false,
    quiet: false,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith("-")) {
      if (args.inputs!.length === 0 && COMMAND_NAMES.includes(word)) return undefined;
      args.inputs!.push(word);
      continue;
    }
    const equals = word.indexOf("=");
    const flag = equals > 0 && word.startsWith("--") ? word.slice(0, equals) : word;
    const key = VALUES[flag] ?? SWITCHES[flag];
    if (key === undefined || seen.has(key)) return undefined;
    seen.add(key);
    if (flag in SWITCHES) {
      if (flag !== word) return undefined;
      args[SWITCHES[flag]!] = true;
      continue;
    }
    const value = flag !== word ? word.slice(equals + 1) : argv[++i];
    if (value === undefined || value === "" || value.startsWith("-")) return undefined;
    if (!NUMBERS.has(key)) args[key as "out" | "config"] = value;
    else if (/^(0|[1-9]\d*)(\.\d+)?$/.test(value)) args[key as "maxFileSize" | "maxExpansion" | "jobs"] = Number(value);
    else return undefined;
  }
  return args;
}
