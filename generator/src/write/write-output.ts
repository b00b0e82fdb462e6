import { existsSync } from "node:fs";
import {
  chmod,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { dirname, join } from "node:path";
import { crashPoint } from "./crash-points.js";
import { MANIFEST_NAME, sha256, type Manifest } from "./manifest.js";

/** A generated file: new content, or a file already on disk that is known to be current (verified by hash). */
export type PlannedFile = { content: string } | { unchanged: true };

export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

const STAGING_SUFFIX = ".oic-gen-staging";
const PREVIOUS_SUFFIX = ".oic-gen-previous";

/** Finishes or undoes a swap that an earlier, interrupted run left half-way. */
export async function recoverInterruptedWrite(outDir: string): Promise<void> {
  const previous = outDir + PREVIOUS_SUFFIX;
  if (!existsSync(outDir) && existsSync(previous)) await rename(previous, outDir);
  await rm(previous, { recursive: true, force: true });
  await rm(outDir + STAGING_SUFFIX, { recursive: true, force: true });
}

/**
 * Reasons not to write at all: a file at a planned path that the generator did not write (it would be
 * overwritten), or a symbolic link on the way to one (writing would land outside the output folder), or an
 * existing, non-empty folder that has no manifest (it is not an output folder of oic-gen).
 */
export async function findConflicts(
  outDir: string,
  planned: Map<string, PlannedFile>,
  previous: Manifest | undefined,
): Promise<string[]> {
  const outInfo = await lstat(outDir).catch(() => undefined);
  if (!outInfo) return [];
  if (outInfo.isSymbolicLink() || !outInfo.isDirectory()) return [`${outDir} is not a folder`];
  if (!previous && (await readdir(outDir)).length > 0)
    return [
      `${outDir} is not empty and has no ${MANIFEST_NAME}: it is not a folder oic-gen wrote; choose a new or empty folder`,
    ];
  const owned = new Set(Object.keys(previous?.files ?? {}));
  const conflicts = new Set<string>();
  const checked = new Set<string>();
  for (const path of planned.keys()) {
    if (path === MANIFEST_NAME) continue;
    const segments = path.split("/");
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = segments.slice(0, depth).join("/");
      if (checked.has(prefix)) continue;
      checked.add(prefix);
      const info = await lstat(join(outDir, prefix)).catch(() => undefined);
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

/** What writing `planned` would change, compared with the files on disk that the generator owns. */
export async function diffOutput(
  outDir: string,
  planned: Map<string, PlannedFile>,
  previous: Manifest | undefined,
): Promise<OutputChanges> {
  const changes: OutputChanges = { added: [], changed: [], removed: [] };
  for (const [path, file] of planned) {
    if ("unchanged" in file) continue;
    const current = await readFile(join(outDir, path), "utf8").catch(() => undefined);
    if (current === undefined) changes.added.push(path);
    else if (current !== file.content) changes.changed.push(path);
  }
  changes.removed.push(...(await removable(outDir, planned, previous)));
  for (const list of Object.values(changes)) list.sort();
  return changes;
}

/**
 * Replaces the output folder in one step: the new tree is built beside it (unchanged and foreign files
 * hard-linked, never rewritten), then swapped in by two renames. A crash at any point leaves either the old or
 * the new folder, and the next run finishes the swap (`recoverInterruptedWrite`).
 */
export async function writeOutput(
  outDir: string,
  planned: Map<string, PlannedFile>,
  previous: Manifest | undefined,
): Promise<void> {
  const staging = outDir + STAGING_SUFFIX;
  const old = outDir + PREVIOUS_SUFFIX;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  crashPoint("staging-created");
  // Only what is planned, and files of the last run that still hold what it wrote, are left behind; a file the
  // manifest names but whose content differs (edited, or named by an edited manifest) is carried over.
  const owned = new Set([...planned.keys(), ...(await removable(outDir, planned, previous)), MANIFEST_NAME]);
  if (existsSync(outDir)) {
    await chmod(staging, (await stat(outDir)).mode & 0o7777);
    await linkForeignFiles(outDir, staging, owned);
  }
  const folders = new Set([...planned.keys()].map((path) => dirname(join(staging, path))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  // "wx": a new file or a failure, never a write through something already there.
  await Promise.all(
    [...planned].map(([path, file]) =>
      "unchanged" in file
        ? linkOrCopy(join(outDir, path), join(staging, path))
        : writeFile(join(staging, path), file.content, { flag: "wx" }),
    ),
  );
  crashPoint("staging-written");
  if (existsSync(outDir)) {
    await rename(outDir, old);
    crashPoint("previous-aside");
    await rename(staging, outDir);
    crashPoint("swapped");
    await rm(old, { recursive: true, force: true });
  } else {
    await mkdir(dirname(outDir), { recursive: true });
    await rename(staging, outDir);
  }
}

/**
 * Carries everything the generator did not write into the new tree untouched: files as hard links (same
 * inode), symbolic links as links, folders (empty ones too) with their permissions. A folder that held only
 * generated files is not carried: it comes back only if something is generated into it.
 */
async function linkForeignFiles(from: string, to: string, owned: Set<string>, prefix = ""): Promise<boolean> {
  const entries = await readdir(join(from, prefix), { withFileTypes: true });
  let carried = entries.length === 0;
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const source = join(from, path);
    const target = join(to, path);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      if (await linkForeignFiles(from, to, owned, path)) {
        await chmod(target, (await stat(source)).mode & 0o7777);
        carried = true;
      } else {
        await rm(target, { recursive: true, force: true });
      }
    } else if (entry.isSymbolicLink()) {
      await symlink(await readlink(source), target);
      carried = true;
    } else if (!owned.has(path)) {
      await linkOrCopy(source, target);
      carried = true;
    }
  }
  return carried;
}

async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch {
    await copyFile(source, target);
  }
}

/**
 * Files of the previous run that this run no longer produces and that are on disk exactly as recorded: the
 * only files a run removes. A manifest is never trusted to name a file for deletion on its own.
 */
async function removable(
  outDir: string,
  planned: Map<string, PlannedFile>,
  previous: Manifest | undefined,
): Promise<string[]> {
  if (!previous) return [];
  const candidates = Object.keys(previous.files).filter((path) => !planned.has(path));
  const checks = await Promise.all(candidates.map((path) => verifyFiles(outDir, [path], previous)));
  return candidates.filter((_, i) => checks[i]);
}

/** True when every file the manifest lists is on disk with the recorded content. */
export async function verifyFiles(outDir: string, files: readonly string[], manifest: Manifest): Promise<boolean> {
  const checks = await Promise.all(
    files.map(async (path) => {
      const info = await lstat(join(outDir, path)).catch(() => undefined);
      return info?.isFile() === true && sha256(await readFile(join(outDir, path))) === manifest.files[path];
    }),
  );
  return checks.every(Boolean);
}
