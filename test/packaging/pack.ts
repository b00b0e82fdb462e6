/**
 * `npm pack` of the workspace packages, as a user of the registry would receive them.
 *
 * Packed by one test file only, with one npm run for all the packages it needs.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
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

/** Packs each of `workspaces` (e.g. "runtime") into `destination`, in one `npm pack` run. */
export async function pack<W extends Workspace>(
  workspaces: readonly W[],
  destination: string,
): Promise<Record<W, Packed>> {
  const { stdout } = await promisify(execFile)(
    npm,
    ["pack", "--json", "--pack-destination", destination, ...workspaces.flatMap((workspace) => ["-w", workspace])],
    {
      cwd: ROOT,
      env: { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
    },
  );
  // Lifecycle scripts would print before the JSON report.
  const reports = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as {
    name: string;
    filename: string;
    files: { path: string }[];
  }[];
  const byName = new Map(reports.map((report) => [report.name, report]));
  return Object.fromEntries(
    workspaces.map((workspace) => {
      const { name } = JSON.parse(readFileSync(join(ROOT, workspace, "package.json"), "utf8")) as { name: string };
      const report = byName.get(name);
      if (!report) throw new Error(`npm pack reported no package for ${workspace}:\n${stdout}`);
      const files = report.files.map((file) => file.path).sort();
      return [workspace, { tarball: join(destination, report.filename), files }];
    }),
  ) as Record<W, Packed>;
}
