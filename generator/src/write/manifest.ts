import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CatalogueEntry } from "../emit/catalogue.js";
import type { SpecProblem } from "../errors.js";

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
  /** Warnings of preparing the spec, repeated on runs that reuse this record (so `--strict` still sees them). */
  warnings?: SpecProblem[];
  /** Warnings of checking the spec's input, repeated likewise (the spec is not parsed when its bytes are unchanged). */
  inputWarnings?: SpecProblem[];
  /**
   * The files its `$ref`s reach, relative to the spec's folder, `/`-separated, in the order they are hashed:
   * what lets a later run tell from bytes alone, before parsing anything, that the spec is unchanged.
   */
  dependencies?: string[];
}

/**
 * The manifest of `outDir`: `undefined` when there is none, `"invalid"` when it does not have exactly the shape
 * the generator writes. Its catalogue is printed into `index.ts` for unchanged integrations, so nothing in it is
 * trusted without this check.
 */
export async function readManifest(outDir: string): Promise<Manifest | "invalid" | undefined> {
  let text: string;
  try {
    text = readFileSync(join(outDir, MANIFEST_NAME), "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isManifest(parsed) ? parsed : "invalid";
  } catch {
    return "invalid";
  }
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u;
const FOLDER = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]*$/u;
const METHODS = new Set(["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"]);

function isManifest(value: unknown): value is Manifest {
  if (
    !isRecord(value) ||
    typeof value.generator !== "string" ||
    !isRecord(value.files) ||
    !Array.isArray(value.integrations)
  )
    return false;
  const files = value.files;
  if (
    !Object.keys(files).every(
      (path) => isSafePath(path) && typeof files[path] === "string" && /^[0-9a-f]{64}$/.test(files[path] as string),
    )
  )
    return false;
  return value.integrations.every(
    (entry) =>
      isRecord(entry) &&
      typeof entry.source === "string" &&
      typeof entry.hash === "string" &&
      Array.isArray(entry.files) &&
      entry.files.every((path) => typeof path === "string" && isSafePath(path)) &&
      (entry.warnings === undefined || (Array.isArray(entry.warnings) && entry.warnings.every(isWarning))) &&
      (entry.inputWarnings === undefined ||
        (Array.isArray(entry.inputWarnings) && entry.inputWarnings.every(isWarning))) &&
      (entry.dependencies === undefined ||
        (Array.isArray(entry.dependencies) && entry.dependencies.every((path) => typeof path === "string"))) &&
      isCatalogueEntry(entry.catalogue),
  );
}

function isWarning(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.file === "string" &&
    (value.pointer === null || typeof value.pointer === "string") &&
    typeof value.message === "string" &&
    value.severity === "warning"
  );
}

function isCatalogueEntry(value: unknown): boolean {
  const nullableString = (field: unknown) => field === null || typeof field === "string";
  return (
    isRecord(value) &&
    typeof value.module === "string" &&
    IDENTIFIER.test(value.module) &&
    typeof value.folder === "string" &&
    FOLDER.test(value.folder) &&
    nullableString(value.code) &&
    nullableString(value.version) &&
    nullableString(value.project) &&
    typeof value.title === "string" &&
    typeof value.source === "string" &&
    Array.isArray(value.operations) &&
    value.operations.every(
      (op) =>
        isRecord(op) &&
        typeof op.name === "string" &&
        IDENTIFIER.test(op.name) &&
        METHODS.has(op.method as string) &&
        typeof op.path === "string" &&
        typeof op.deprecated === "boolean",
    )
  );
}

/** A relative, `/`-separated path that stays inside the output folder. */
export function isSafePath(path: string): boolean {
  return (
    path !== "" &&
    !path.startsWith("/") &&
    !path.includes("\\") &&
    path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..")
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function serializeManifest(manifest: Manifest): string {
  const files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ ...manifest, files }, null, 2)}\n`;
}

export function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
