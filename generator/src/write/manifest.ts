import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CatalogueEntry } from "../emit/catalogue.js";

export const MANIFEST_NAME = ".oic-gen-manifest.json";

/** What the generator wrote last time: how it knows which files are its own, and what it can reuse. */
export interface Manifest {
  generator: string;
  /** Every generated file (relative, `/`-separated) with the SHA-256 of its content. */
  files: Record<string, string>;
  integrations: ManifestIntegration[];
}

export interface ManifestIntegration {
  source: string;
  /** Hash of the spec's bytes and of the files it references. */
  hash: string;
  catalogue: CatalogueEntry;
  files: string[];
}

export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(outDir, MANIFEST_NAME), "utf8")) as Manifest;
    return parsed && typeof parsed.files === "object" && Array.isArray(parsed.integrations) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function serializeManifest(manifest: Manifest): string {
  const files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ ...manifest, files }, null, 2)}\n`;
}

export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
