import { createHash } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { OicClient } from "@oic-gen/runtime";
import { fetchSpec } from "./fetch-spec.js";
import { fileStems } from "./file-names.js";
import { listRestIntegrations, type IntegrationItem, type ListOptions } from "./list-integrations.js";
import { DEFAULT_PULL_LIMITS, type PullLimits } from "./pull-limits.js";
import { writeAtomically } from "./write-atomically.js";

/** What pull wrote last time, so it can tell added/changed/removed and never touch other files. */
const PULL_MANIFEST = ".oic-gen-pull.json";

interface PullManifest {
  /** File name → the integration it holds, its hash, and where it was pulled from (instance and project). */
  files: Record<string, { id: string; sha256: string; scope: string }>;
}

/** Only names pull itself writes: a manifest entry can never name a path outside the specs folder. */
const PULLED_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(openapi|swagger)\.json$/;

export interface PullReport {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
  failed: { id: string; message: string }[];
}

export interface PullOptions extends Omit<ListOptions, "limits" | "signal"> {
  outDir: string;
  /** Size, time and page bounds; default {@link DEFAULT_PULL_LIMITS}. */
  limits?: Partial<PullLimits>;
  /** Stops the pull (it then fails as at its deadline). */
  signal?: AbortSignal;
  /** The instance URL; with the project, it scopes what a later pull may remove. */
  instanceUrl: string;
  concurrency?: number;
  onProgress?: (done: number, total: number, id: string) => void;
}

/**
 * Downloads the spec of every ACTIVATED REST-triggered integration into `outDir` as `<CODE>_<VERSION>.<kind>.json`.
 * A failed download keeps the file already on disk; files of integrations no longer listed are removed only
 * if pull wrote them, and only when every download succeeded.
 */
export async function pullSpecs(client: OicClient, options: PullOptions): Promise<PullReport> {
  const limits: PullLimits = { ...DEFAULT_PULL_LIMITS, ...options.limits };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  try {
    return await pullWithin(client, options, limits, signal);
  } finally {
    clearTimeout(timer);
  }
}

async function pullWithin(
  client: OicClient,
  options: PullOptions,
  limits: PullLimits,
  signal: AbortSignal,
): Promise<PullReport> {
  const items = await listRestIntegrations(client, { ...options, limits, signal });
  const stems = fileStems(items);
  await mkdir(options.outDir, { recursive: true });
  const previous = await readManifest(options.outDir);
  const scope = `${options.instanceUrl}|${options.project ?? ""}`;
  const next: PullManifest = { files: {} };
  const report: PullReport = { added: [], changed: [], unchanged: [], removed: [], failed: [] };
  let done = 0;
  const queue = [...items].sort((a, b) => a.id.localeCompare(b.id));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      await pullOne(
        client,
        item,
        { limits, signal, stem: stems.get(item)!, outDir: options.outDir },
        scope,
        previous,
        next,
        report,
      );
      options.onProgress?.(++done, items.length, item.id);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  const pulledIds = new Set(items.map((item) => item.id));
  const replaced = new Set(Object.values(next.files).map((entry) => entry.id));
  for (const [name, entry] of Object.entries(previous.files)) {
    if (next.files[name]) continue;
    if (entry.scope !== scope) {
      next.files[name] = entry; // pulled from another instance or project: not this pull's to remove
    } else if (replaced.has(entry.id)) {
      await rm(join(options.outDir, name), { force: true }); // the same integration, now served as the other kind
    } else if (!pulledIds.has(entry.id) && report.failed.length === 0) {
      await rm(join(options.outDir, name), { force: true });
      report.removed.push(name);
    } else {
      next.files[name] = entry; // kept: its integration failed to download
    }
  }
  await writeAtomically(join(options.outDir, PULL_MANIFEST), `${JSON.stringify(sortFiles(next), null, 2)}\n`);
  for (const list of [report.added, report.changed, report.unchanged, report.removed]) list.sort();
  return report;
}

interface OneDownload {
  limits: PullLimits;
  signal: AbortSignal;
  /** The file name without `.<kind>.json`, unique in this pull. */
  stem: string;
  outDir: string;
}

async function pullOne(
  client: OicClient,
  item: IntegrationItem,
  options: OneDownload,
  scope: string,
  previous: PullManifest,
  next: PullManifest,
  report: PullReport,
): Promise<void> {
  try {
    const spec = await fetchSpec(client, item, options.limits, options.signal);
    const name = `${options.stem}.${spec.kind}.json`;
    const sha256 = createHash("sha256").update(spec.text).digest("hex");
    const path = join(options.outDir, name);
    const onDisk = await readFile(path, "utf8").catch(() => undefined);
    next.files[name] = { id: item.id, sha256, scope };
    if (onDisk === spec.text) return void report.unchanged.push(name);
    await writeAtomically(path, spec.text);
    (onDisk === undefined && !previous.files[name] ? report.added : report.changed).push(name);
  } catch (error) {
    report.failed.push({ id: item.id, message: error instanceof Error ? error.message : String(error) });
  }
}

/** What pull wrote before; entries that are not exactly what pull writes are ignored (never acted on). */
async function readManifest(dir: string): Promise<PullManifest> {
  const manifest: PullManifest = { files: {} };
  try {
    const parsed = JSON.parse(await readFile(join(dir, PULL_MANIFEST), "utf8")) as { files?: Record<string, unknown> };
    for (const [name, entry] of Object.entries(parsed?.files ?? {})) {
      const { id, sha256, scope } = (entry ?? {}) as Record<string, unknown>;
      if (PULLED_FILE.test(name) && typeof id === "string" && typeof sha256 === "string" && typeof scope === "string")
        manifest.files[name] = { id, sha256, scope };
    }
  } catch {
    // no manifest yet, or unreadable: pull then removes nothing
  }
  return manifest;
}

function sortFiles(manifest: PullManifest): PullManifest {
  return { files: Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
