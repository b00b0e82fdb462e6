/**
 * The sandbox's view of the specs: the generator's own load and model stages (the same functions) turned
 * into integrations as an OIC instance would host them, with the documents its metadata endpoints serve.
 */
import { stat } from "node:fs/promises";
import { SpecError } from "../errors.js";
import { bundleFiles } from "../load/bundle.js";
import { FileCache } from "../load/file-cache.js";
import { findInputs } from "../load/find-inputs.js";
import type { JsonObject } from "../load/json-walk.js";
import { checkSpecs, prepareInput, prepareSpec } from "../load/load-specs.js";
import { buildIntegration } from "../model/build-integration.js";
import { identityFromPath } from "../model/oic-identity.js";
import { DEFAULT_MAX_FILE_SIZE } from "../version.js";
import type { Operation } from "../model/types.js";

export interface HostedIntegration {
  /** Integration code, or null for a spec that is not an OIC endpoint (its operations are still served). */
  code: string | null;
  /** Full OIC version, `01.00.0000` (from `info.version` when it has that shape, else from the URL). */
  version: string;
  /** Version as it appears in URLs, `1.0`. */
  urlVersion: string;
  project: string | null;
  adapter: string;
  /** `info.title`, else the file name. */
  name: string;
  description: string | undefined;
  /** Absolute path of the spec file. */
  specFile: string;
  /** The path the metadata endpoints hang off: `/ic/api/integration/v1/flows/rest/CODE/1.0` (or the v2 project form). */
  prefix: string | null;
  /** The document `/metadata/swagger` serves (a Swagger 2.0 source), or null (an OpenAPI 3 source). */
  swagger: JsonObject | null;
  /** The OpenAPI 3 document `/metadata/openapi` serves (for a Swagger 2.0 source, the upgraded `model`). */
  openapi: JsonObject;
  /** The document the operations and their schemas are read from (bundled, upgraded, refs local). */
  model: JsonObject;
  operations: Operation[];
  /** Latest modification time of the spec and the files it references. */
  lastUpdated: Date;
}

/** Loads every spec named by `inputs`; throws `SpecError` with every problem when any spec is bad. */
export async function loadIntegrations(
  inputs: readonly string[],
  cache = new FileCache(DEFAULT_MAX_FILE_SIZE),
): Promise<HostedIntegration[]> {
  const { files, roots } = await findInputs(inputs);
  const { specs, problems } = await checkSpecs(files, { roots, cache });
  if (problems.length > 0) throw new SpecError(problems);
  return Promise.all(
    specs.map(async (spec): Promise<HostedIntegration> => {
      // The spec as served (a multi-file spec bundled into one document, once), then the generator's own
      // preparation of that document (Swagger 2.0 upgraded, deep refs hoisted); nothing is left to bundle there,
      // and the expansion bound still counts the referenced files (prepareInput's inputBytes).
      const checked = spec.dependencies.map(({ path, text }) => ({ path, text }));
      const source =
        checked.length > 0
          ? await bundleFiles(spec.entry.path, [{ path: spec.entry.path, text: spec.entry.text }, ...checked])
          : structuredClone(spec.entry.value as JsonObject);
      const prepared = await prepareSpec({ ...prepareInput(spec), value: structuredClone(source), dependencies: [] });
      const model = prepared.document;
      const integration = buildIntegration(prepared);
      const { identity, operations } = integration;
      // Metadata hangs off the operations' own OIC prefix (gen1 specs keep theirs); without operations, the canonical one.
      const prefix = operationsPrefix(operations) ?? (identity ? canonicalPrefix(identity) : null);
      const urlVersion = identity?.version ?? "1.0";
      const mtimes = await Promise.all(
        [spec.entry, ...spec.dependencies].map((file) => stat(file.path).then((info) => info.mtimeMs)),
      );
      return {
        code: identity?.code ?? null,
        version: fullVersion(infoVersion(spec.entry.value), urlVersion),
        urlVersion,
        project: identity?.project ?? null,
        adapter: identity?.adapter ?? "rest",
        name: integration.title,
        description: integration.description,
        specFile: spec.entry.path,
        prefix,
        swagger: spec.version === "2.0" ? source : null,
        openapi: spec.version === "2.0" ? model : source,
        model,
        operations,
        lastUpdated: new Date(Math.max(...mtimes)),
      };
    }),
  );
}

/** The files a load depends on, with their stamps: when this changes, the specs must be read again. */
export async function inputsFingerprint(inputs: readonly string[]): Promise<string> {
  const { files } = await findInputs(inputs).catch(() => ({ files: [] as string[] }));
  const stamps = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (info) => `${file}:${info.size}:${info.mtimeMs}`,
        () => `${file}:missing`,
      ),
    ),
  );
  return stamps.join("\n");
}

function operationsPrefix(operations: readonly Operation[]): string | undefined {
  for (const operation of operations) {
    const found = identityFromPath(operation.path);
    if (found) return operation.path.slice(0, found.prefixEnd);
  }
  return undefined;
}

function canonicalPrefix(identity: { adapter: string; project: string | null; code: string; version: string }): string {
  const enc = encodeURIComponent;
  return identity.project
    ? `/ic/api/integration/v2/flows/${enc(identity.adapter)}/project/${enc(identity.project)}/${enc(identity.code)}/${identity.version}`
    : `/ic/api/integration/v1/flows/${enc(identity.adapter)}/${enc(identity.code)}/${identity.version}`;
}

function infoVersion(doc: unknown): string | undefined {
  const info = (doc as { info?: { version?: unknown } } | null)?.info;
  return typeof info?.version === "string" ? info.version : undefined;
}

/** `01.00.0003` as written in `info.version`, else `1.0` → `01.00.0000`. */
export function fullVersion(fromInfo: string | undefined, urlVersion: string): string {
  if (fromInfo && /^\d{2}\.\d{2}\.\d{4}$/.test(fromInfo)) {
    const [major, minor] = fromInfo.split(".").map(Number);
    if (`${major}.${minor}` === urlVersion) return fromInfo;
  }
  const [major = "1", minor = "0"] = urlVersion.split(".");
  return `${major.padStart(2, "0")}.${minor.padStart(2, "0")}.0000`;
}
