import { isAbsolute, parse, relative, sep } from "node:path";

/** `a/b` is inside `a` (or equal to it). */
export function isInside(child: string, parent: string): boolean {
  if (plainBelow(parent, child) !== undefined) return true;
  const rel = relative(parent, child);
  // `..` or `../…` leaves the parent; a name that only starts with dots (`..specs`) does not.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/**
 * `path.relative(parent, child)` for the common case, found by comparing strings: both plain absolute paths
 * (no `.` or `..` segment, no doubled or trailing separator) and `child` is `parent` or below it; `undefined`
 * otherwise (ask `path.relative`). `relative` resolves both paths first: a re-run names hundreds of files, and
 * that cost ~12 ms of one that has nothing else to do.
 */
export function plainBelow(parent: string, child: string): string | undefined {
  if (!isPlain(parent) || !isPlain(child)) return undefined;
  if (child === parent) return "";
  const prefix = parent.endsWith(sep) ? parent : parent + sep;
  return child.startsWith(prefix) ? child.slice(prefix.length) : undefined;
}

const NOT_PLAIN = /[\\/]\.{1,2}(?:[\\/]|$)|[\\/]{2}/;

function isPlain(path: string): boolean {
  if (!isAbsolute(path) || NOT_PLAIN.test(path)) return false;
  return !/[\\/]$/.test(path) || path === parse(path).root;
}
