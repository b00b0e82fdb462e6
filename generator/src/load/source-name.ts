import { basename, dirname, relative, sep } from "node:path";
import { isInside, plainBelow } from "../paths.js";

/**
 * How a spec is named in generated comments, the catalogue and the manifest: relative to the input folder it
 * was found in, with that folder's name (`specs/ORDERS_SYNC_01.00.0000.swagger.json`), whatever the working
 * directory, so the same inputs give the same bytes from anywhere.
 */
export function sourceName(path: string, roots: readonly string[]): string {
  const root = roots.find((candidate) => isInside(path, candidate)) ?? dirname(path);
  return `${basename(root)}/${plainBelow(root, path) ?? relative(root, path)}`.split(sep).join("/");
}
