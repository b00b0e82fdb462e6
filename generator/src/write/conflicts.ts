import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST_NAME, type Manifest } from "./manifest.js";
import type { PlannedFile } from "./output-changes.js";

/**
 * Reasons not to write at all: a file at a path about to be written that the generator did not write (it
 * would be overwritten), or a symbolic link on the way to one (writing would land outside the output folder),
 * or an existing, non-empty folder that has no manifest (it is not an output folder of oic-gen).
 *
 * Only paths with new content are looked at: a file planned unchanged is not touched by the write, and was
 * found intact, through real folders only, when the plan reused it (`filesIntact`). So a re-run with one
 * spec changed looks at that spec's few paths, not at every path of the fleet.
 */
export function findConflicts(
  outDir: string,
  planned: ReadonlyMap<string, PlannedFile>,
  previous: Manifest | undefined,
): string[] {
  const outInfo = lstatSync(outDir, { throwIfNoEntry: false });
  if (!outInfo) return [];
  if (outInfo.isSymbolicLink() || !outInfo.isDirectory()) return [`${outDir} is not a folder`];
  if (!previous && readdirSync(outDir).length > 0)
    return [
      `${outDir} is not empty and has no ${MANIFEST_NAME}: it is not a folder oic-gen wrote; choose a new or empty folder`,
    ];
  const owned = new Set(Object.keys(previous?.files ?? {}));
  const conflicts = new Set<string>();
  const checked = new Set<string>();
  for (const [path, file] of planned) {
    if (path === MANIFEST_NAME || "unchanged" in file) continue;
    const segments = path.split("/");
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = segments.slice(0, depth).join("/");
      if (checked.has(prefix)) continue;
      checked.add(prefix);
      const info = lstatSync(join(outDir, prefix), { throwIfNoEntry: false });
      if (!info) break;
      if (info.isSymbolicLink())
        conflicts.add(`${prefix} is a symbolic link; oic-gen writes only real files inside ${outDir}`);
      else if (depth < segments.length && !info.isDirectory())
        conflicts.add(`${prefix} is a file where oic-gen needs a folder`);
      else if (depth === segments.length && !owned.has(path))
        conflicts.add(`${prefix} exists and was not written by oic-gen; move it away to generate here`);
    }
  }
  return [...conflicts].sort();
}
