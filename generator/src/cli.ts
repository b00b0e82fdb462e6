import { plainGenerateArgs } from "./cli/plain-generate-args.js";
import { reportError } from "./report.js";

// A plain generate run (`oic-gen ./specs --out src/oic`) skips loading yargs and the other commands, a third of
// a re-run with nothing to do; every other command line, and every mistake in one, is parsed by yargs.
const plain = plainGenerateArgs(process.argv.slice(2));
try {
  if (plain) await import("./commands/generate.js").then(({ runGenerate }) => runGenerate(plain));
  else await import("./cli/yargs-cli.js").then(({ parseWithYargs }) => parseWithYargs());
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
