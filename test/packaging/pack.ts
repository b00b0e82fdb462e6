/**
 * `npm pack` of the workspace packages, as a user of the registry would receive them.
 *
 * Packed by one test file only, which packs each package once for all its tests.
 */
import { execFile } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

export const ROOT = join(import.meta.dirname, "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export interface Packed {
  /** The tarball's path. */
  tarball: string;
  /** Paths inside the tarball, without the `package/` prefix. */
  files: string[];
}

export type Workspace = "runtime" | "generator" | "sandbox";

/** Packs `workspace` (e.g. "runtime") into `destination`. */
export async function pack(workspace: Workspace, destination: string): Promise<Packed> {
  const { stdout } = await promisify(execFile)(npm, ["pack", "--json", "--pack-destination", destination], {
    cwd: await packFrom(workspace, destination),
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
  });
  // Lifecycle scripts print before the JSON report.
  const report = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, report[0]!.filename), files: report[0]!.files.map((file) => file.path).sort() };
}

/**
 * Where to pack `workspace` from: its folder, or, when it has a `prepack` script (the generator's copies
 * `templates/` into the package folder and `postpack` removes it), a copy of it with the repository's templates
 * beside it. Done in the checkout, a generator that another test file runs at that moment finds
 * `generator/templates` and loses it mid-run (ENOENT).
 */
async function packFrom(workspace: string, destination: string): Promise<string> {
  const folder = join(ROOT, workspace);
  const manifest = JSON.parse(await readFile(join(folder, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  if (!manifest.scripts?.prepack) return folder;
  const stage = join(destination, `${workspace}-stage`);
  await cp(folder, join(stage, workspace), { recursive: true, filter: (path) => !path.includes("node_modules") });
  await cp(join(ROOT, "templates"), join(stage, "templates"), { recursive: true });
  return join(stage, workspace);
}
