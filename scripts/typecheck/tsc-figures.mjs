import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The compiler options of an app that uses generated code: strict, NodeNext, ES2023 and DOM libraries. */
export const APP_COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  module: "NodeNext",
  moduleResolution: "NodeNext",
  target: "ES2022",
  lib: ["ES2023", "DOM"],
};

/**
 * Writes the tsconfig an app would use for a folder of generated code: strict, NodeNext, and `skipLibCheck` as
 * asked (false also checks the runtime's declarations the generated code imports).
 *
 * @param {{ root: string, dir: string, config: string, skipLibCheck: boolean }} options
 */
export function writeTsconfig({ root, dir, config, skipLibCheck }) {
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        ...APP_COMPILER_OPTIONS,
        skipLibCheck,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
      },
      include: [`${dir}/**/*.ts`],
    }),
  );
}

/**
 * The figures of `tsc --extendedDiagnostics` this script compares, and the process's CPU time (report-cpu.mjs);
 * the wall time of the whole process comes on top.
 */
const FIGURES = {
  Instantiations: "instantiations",
  Types: "types",
  "Check time": "check",
  "Total time": "total",
  "CPU time": "cpu",
};
const REPORT_CPU = pathToFileURL(join(import.meta.dirname, "report-cpu.mjs")).href;

/**
 * Runs `tsc -p config --extendedDiagnostics` and returns its counts and times (seconds). A compile error fails:
 * a cost is only worth comparing for code that type-checks.
 *
 * @param {{ root: string, config: string }} options
 * @returns {{ wall: number, cpu: number, instantiations: number, types: number, check: number, total: number }}
 */
export function tscFigures({ root, config }) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ["--import", REPORT_CPU, join(root, "node_modules/typescript/bin/tsc"), "-p", config, "--extendedDiagnostics"],
    { cwd: root, encoding: "utf8" },
  );
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`tsc -p ${config} failed:\n${result.stdout}${result.stderr}`);
  const figures = { wall };
  for (const line of result.stdout.split("\n")) {
    const match = /^([A-Za-z ]+):\s+([\d.]+)s?$/.exec(line.trim());
    if (match && FIGURES[match[1]]) figures[FIGURES[match[1]]] = Number(match[2]);
  }
  for (const name of Object.values(FIGURES))
    if (figures[name] === undefined) throw new Error(`tsc --extendedDiagnostics printed no "${name}"`);
  return figures;
}
