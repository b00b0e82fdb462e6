import type { CheckedSpec } from "../load/load-specs.js";
import { moduleNameFor, type ModuleNamePins } from "../model/module-names.js";
import { OUTPUT_GENERATOR } from "../version.js";
import type { Manifest, ManifestIntegration } from "../write/manifest.js";
import { filesIntact } from "../write/intact-files.js";
import type { TrustedStamps } from "../write/trusted-stamps.js";

/**
 * For each spec, in input order, its record from the previous run when nothing about it changed (same bytes,
 * same referenced files, same module name, generated files still as written), else `undefined`: it must be
 * emitted. Only output of this very generator version is reused.
 */
export function planSpecs(
  outDir: string,
  specs: readonly CheckedSpec[],
  previous: Manifest | undefined,
  pins: ModuleNamePins,
  trusted?: TrustedStamps,
): (ManifestIntegration | undefined)[] {
  const reusable =
    previous?.generator === OUTPUT_GENERATOR
      ? new Map(previous.integrations.map((entry) => [entry.source, entry]))
      : new Map<string, ManifestIntegration>();
  return specs.map((spec) => {
    const old = reusable.get(spec.source);
    return old && stillCurrent(outDir, old, spec.hash, previous!, pins, trusted) ? old : undefined;
  });
}

/** The record can stand for the spec: same hash, same module name, its generated files still as written. */
export function stillCurrent(
  outDir: string,
  old: ManifestIntegration,
  hash: string,
  previous: Manifest,
  pins: ModuleNamePins,
  trusted?: TrustedStamps,
): boolean {
  return old.hash === hash && sameName(old, pins) && filesIntact(outDir, old.files, previous, trusted);
}

/** The module name the spec would get now (pins may have changed since) is the one it was emitted under. */
function sameName(old: ManifestIntegration, pins: ModuleNamePins): boolean {
  const { code, version, project, title, module, folder } = old.catalogue;
  const identity = code !== null && version !== null ? { code, version, project, adapter: "" } : null;
  const now = moduleNameFor({ identity, title, source: old.source }, pins);
  return now.moduleName === module && now.folder === folder;
}
