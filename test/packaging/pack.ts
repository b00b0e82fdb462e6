/**
 * `npm pack` of the workspace packages, as a user of the registry would receive them.
 *
 * Packed by one test file only, which packs each package once for all its tests.
 */
import { execFile } from "node:child_process";
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
    cwd: join(ROOT, workspace),
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
  });
  // Lifecycle scripts print before the JSON report.
  const report = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, report[0]!.filename), files: report[0]!.files.map((file) => file.path).sort() };
}
