import type { SpecSummary } from "./describe-spec.js";
import { camelCase, kebabCase, NameAllocator } from "./names.js";

/**
 * Module and folder names for every spec, decided together so that they are unique and stable: named after
 * the integration code (or the title for non-OIC specs); two versions of one code both get a version suffix.
 */
export function assignModuleNames(summaries: readonly SpecSummary[]): { moduleName: string; folder: string }[] {
  const bases = summaries.map((summary) => camelCase(summary.identity?.code ?? summary.title, "api"));
  const versionsOf = new Map<string, Set<string>>();
  summaries.forEach((summary, i) => {
    if (summary.identity) (versionsOf.get(bases[i]!) ?? versionsOf.set(bases[i]!, new Set()).get(bases[i]!)!).add(summary.identity.version);
  });
  const modules = new NameAllocator();
  const folders = new NameAllocator();
  return summaries.map((summary, i) => {
    let base = bases[i]!;
    if (summary.identity && versionsOf.get(base)!.size > 1) base = `${base}V${summary.identity.version.replace(/\./g, "_")}`;
    const moduleName = modules.allocate(base);
    return { moduleName, folder: folders.allocate(kebabCase(moduleName)) };
  });
}
