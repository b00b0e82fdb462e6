import yargs from "yargs";
import { describe, expect, it } from "vitest";
import { plainGenerateArgs } from "../../../generator/dist/cli/plain-generate-args.js";
import { generateCommand } from "../../../generator/dist/commands/generate.js";

// A plain generate command line is read without yargs (start-up time); whatever it reads must be exactly what
// yargs reads with the command's own builder, and anything it is not sure of must be left to yargs.
const KEYS = ["inputs", "out", "config", "check", "strict", "maxFileSize", "maxExpansion", "jobs", "watch", "quiet"];

function byYargs(argv: string[]): Record<string, unknown> {
  let parsed: Record<string, unknown> = {};
  yargs(argv)
    .command({
      ...generateCommand,
      handler: (args) => {
        parsed = args as Record<string, unknown>;
      },
    })
    .strict()
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseSync();
  return Object.fromEntries(KEYS.map((key) => [key, key === "inputs" ? (parsed[key] ?? []) : parsed[key]]));
}

describe("plain generate arguments", () => {
  it.each([
    [["./specs", "--out", "src/oic"]],
    [["./specs", "-o", "src/oic", "-q"]],
    [["a.json", "b.yaml", "--out=src/oic", "--check"]],
    [["--out", "out", "specs", "--strict", "--watch"]],
    [["specs", "--out", "out", "--max-file-size", "0.5", "--max-expansion", "40", "--jobs", "2"]],
    [["specs", "-o", "out", "-j", "1.5", "-w"]],
    [["specs", "--out", "out", "--config", "conf/oic-gen.config.json"]],
    [["123", "--out", "7"]],
    [["pul"]],
    [[]],
  ])("%j reads as yargs reads it", (argv) => {
    const plain = plainGenerateArgs(argv);
    expect(plain).toBeDefined();
    expect(Object.fromEntries(KEYS.map((key) => [key, plain![key as keyof typeof plain]]))).toEqual(byYargs(argv));
  });

  it.each([
    [["--help"]],
    [["-h"]],
    [["--version"]],
    [["login"]],
    [["generate", "specs", "--out", "out"]],
    [["pull", "--specs", "specs"]],
    [["specs", "--ouput", "x"]],
    [["specs", "--out", "a", "--out", "b"]],
    [["specs", "--out"]],
    [["specs", "--out", "--check"]],
    [["specs", "--no-check", "--out", "x"]],
    [["specs", "--check=false", "--out", "x"]],
    [["specs", "--maxFileSize", "3", "--out", "x"]],
    [["specs", "--jobs", "two", "--out", "x"]],
    [["specs", "--jobs", "1e3", "--out", "x"]],
    [["specs", "--jobs", "-1", "--out", "x"]],
    [["specs", "-qw", "--out", "x"]],
    [["specs", "-oout"]],
    [["--", "specs", "--out", "x"]],
    [["-", "--out", "x"]],
  ])("%j is left to yargs", (argv) => {
    expect(plainGenerateArgs(argv)).toBeUndefined();
  });
});
