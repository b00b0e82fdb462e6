import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../errors.js";

const SPEC_FILE = /\.(json|ya?ml)$/i;
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** The spec files named by `inputs` (files as given, folders walked recursively), absolute and sorted. */
export async function findInputs(inputs: readonly string[]): Promise<{ files: string[]; roots: string[] }> {
  const files = new Set<string>();
  const roots: string[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    const info = statOrNothing(path);
    if (!info) throw new UsageError(`input not found: ${input}`);
    if (info.isDirectory()) {
      roots.push(path);
      for (const file of walk(path)) files.add(file);
    } else {
      roots.push(resolve(path, ".."));
      files.add(path);
    }
  }
  if (files.size === 0) throw new UsageError(`no .json, .yaml or .yml files in ${inputs.join(", ")}`);
  return { files: [...files].sort(), roots };
}

// Synchronous: walking a folder of a few hundred specs is a few calls, cheaper than thread-pool round trips.
function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else if (entry.isFile() && SPEC_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

function statOrNothing(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
