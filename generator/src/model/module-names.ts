import type { SpecProblem } from "../errors.js";
import { camelCase, kebabCase } from "./names.js";
import type { OicIdentity } from "./types.js";

/**
 * Names pinned by the project (`moduleNames` in oic-gen.config.json): keyed by `CODE|M.m` (the version as in
 * OIC URLs, `1.0`; OIC's full `01.00.0000` is accepted too) or, for specs that are not OIC integrations, by the
 * spec's source name (`specs/petstore.yaml`).
 */
export type ModuleNamePins = Readonly<Record<string, string>>;

export interface ModuleName {
  /** Identifier of the module's namespace export (`ordersSyncV1_0`). */
  moduleName: string;
  /** Its folder in the output (`orders-sync-v1-0`). */
  folder: string;
}

/**
 * A spec's module name, decided from the spec alone so that it never moves when other specs come and go:
 * an OIC integration is named after its code and always carries its version (`ORDERS_SYNC` 1.0 →
 * `ordersSyncV1_0`); any other spec after its title. A pin in the config file wins.
 */
export function moduleNameFor(
  spec: { identity: OicIdentity | null; title: string; source: string },
  pins: ModuleNamePins = {},
): ModuleName {
  const pinned = pinFor(spec, pins);
  const moduleName = pinned
    ? camelCase(pinned, "api")
    : spec.identity
      ? `${camelCase(spec.identity.code, "integration")}V${spec.identity.version.replace(/\./g, "_")}`
      : camelCase(spec.title, "api");
  return { moduleName, folder: kebabCase(moduleName) };
}

function pinFor(spec: { identity: OicIdentity | null; source: string }, pins: ModuleNamePins): string | undefined {
  const own = (key: string) => (Object.hasOwn(pins, key) ? pins[key] : undefined);
  if (spec.identity) {
    const { code, version } = spec.identity;
    const [major = "0", minor = "0"] = version.split(".");
    return (
      own(`${code}|${version}`) ??
      own(`${code}|${major.padStart(2, "0")}.${minor.padStart(2, "0")}.0000`) ??
      own(spec.source)
    );
  }
  return own(spec.source);
}

/**
 * Two specs that want one module name (or one folder: folders are compared without case, as on macOS and
 * Windows) are refused, naming both: silently numbering them would let a name point at another integration
 * the day a spec is added.
 */
export function findNameClashes(specs: readonly ({ source: string } & ModuleName)[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const byModule = new Map<string, string>();
  const byFolder = new Map<string, string>();
  for (const spec of specs) {
    const other = byModule.get(spec.moduleName.toLowerCase()) ?? byFolder.get(spec.folder.toLowerCase());
    if (other !== undefined) {
      problems.push({
        file: spec.source,
        pointer: "#",
        message: `module name ${spec.moduleName} is also the name of ${other}: pin a different name for one of them in oic-gen.config.json ("moduleNames": { "<CODE>|<version> or <spec source>": "<name>" })`,
      });
      continue;
    }
    byModule.set(spec.moduleName.toLowerCase(), spec.source);
    byFolder.set(spec.folder.toLowerCase(), spec.source);
  }
  return problems;
}
