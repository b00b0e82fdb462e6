import { realpathSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { SpecProblem } from "../errors.js";
import { pointerOf } from "../errors.js";
import { type FileCache, isProblem, type LoadedFile } from "./file-cache.js";
import { isObject, own, parsePointer, resolvePointer, safeDecode } from "./json-walk.js";

/** Deeper than this is a hostile document, not a schema anyone maintains; it also bounds recursion. */
export const MAX_DEPTH = 200;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface RefCheck {
  problems: SpecProblem[];
  /** Files other than the entry that `$ref`s reach (absolute paths). */
  dependencies: LoadedFile[];
  /** Every file the check looked at, readable or not: if none changes, the verdict stands. */
  reached: { path: string; file: LoadedFile | SpecProblem }[];
}

/**
 * Follows every `$ref` from `entry`: local pointers must exist and reach something other than another bare
 * `$ref` loop; relative files must stay inside the input folders; remote references are refused (offline tool).
 */
export async function checkRefs(entry: LoadedFile, roots: readonly string[], cache: FileCache): Promise<RefCheck> {
  const problems: SpecProblem[] = [];
  const dependencies = new Map<string, LoadedFile>();
  const reached = new Map<string, LoadedFile | SpecProblem>();
  const load = async (path: string) => {
    const file = await cache.get(path);
    reached.set(path, file);
    return file;
  };
  const queue: LoadedFile[] = [entry];
  const scanned = new Set<string>([entry.path]);
  // Verdicts of bare-$ref chains by link, shared by every $ref of this spec: each link is followed once, so a
  // chain of n links costs n steps, not n² (or n³ with the loop search).
  const verdicts = new Map<string, string | null>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const { ref, path } of collectRefs(file, problems)) {
      const at = pointerOf([...path, "$ref"]);
      const report = (message: string) => problems.push({ file: file.shown, pointer: at, message });
      const hash = ref.indexOf("#");
      const filePart = hash === -1 ? ref : ref.slice(0, hash);
      const fragment = hash === -1 ? "" : ref.slice(hash);
      if (URL_SCHEME.test(filePart) || filePart.startsWith("//")) {
        report(
          `remote $ref ${JSON.stringify(ref)} refused: oic-gen works offline; download the file next to the spec and refer to it by a relative path`,
        );
        continue;
      }
      const tokens = parsePointer(fragment);
      if (ref === "" || ref === "#") {
        report(`$ref ${JSON.stringify(ref)} points at the whole document, not a schema`);
        continue;
      }
      if (tokens === null) {
        report(
          `$ref ${JSON.stringify(ref)} has a malformed JSON pointer (it must look like "#/components/schemas/Name")`,
        );
        continue;
      }
      let target = file;
      if (filePart !== "") {
        const path = resolve(dirname(file.path), safeDecode(filePart, filePart));
        // Compare real paths: a symbolic link inside the folder may point outside it.
        if (!insideRoots(path, roots)) {
          report(`$ref ${JSON.stringify(ref)} points outside the input folders; copy the file next to the spec`);
          continue;
        }
        const loaded = await load(path);
        if (isProblem(loaded)) {
          report(`$ref ${JSON.stringify(ref)} cannot be read: ${loaded.file}: ${loaded.message}`);
          continue;
        }
        target = loaded;
        if (target.path !== entry.path) dependencies.set(target.path, target);
        if (!scanned.has(target.path)) {
          scanned.add(target.path);
          queue.push(target);
        }
      }
      const node = resolvePointer(target.value, tokens);
      if (node === undefined) {
        report(
          `$ref ${JSON.stringify(ref)} points at nothing: ${filePart ? `${target.shown} has` : "the document has"} no ${fragment || "#"}`,
        );
        continue;
      }
      const loop = await findBareLoop(target, tokens, load, verdicts, (path) => insideRoots(path, roots));
      if (loop) report(`$ref ${JSON.stringify(ref)} never reaches a schema: ${loop}`);
    }
  }
  return {
    problems,
    dependencies: [...dependencies.values()].sort((a, b) => a.path.localeCompare(b.path)),
    reached: [...reached].map(([path, file]) => ({ path, file })),
  };
}

/** Every `$ref` in a file with its location; reports non-string `$ref`s and over-deep nesting. */
function collectRefs(file: LoadedFile, problems: SpecProblem[]): { ref: string; path: (string | number)[] }[] {
  const refs: { ref: string; path: (string | number)[] }[] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: file.value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) {
      problems.push({
        file: file.shown,
        pointer: pointerOf(path),
        message: `nested more than ${MAX_DEPTH} levels deep`,
      });
      continue;
    }
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) stack.push({ node: child, path: [...path, i] });
    } else if (isObject(node)) {
      for (const key of Object.keys(node)) {
        const child = node[key];
        if (isData(path, key)) continue;
        // Under `properties`, an object at "$ref" is a property of that name; a string is a reference to the
        // whole properties map (multi-file specs do this).
        const propertyNamedRef = path.at(-1) === "properties" && typeof child === "object" && child !== null;
        if (key === "$ref" && !propertyNamedRef) {
          if (typeof child === "string") refs.push({ ref: child, path });
          else
            problems.push({
              file: file.shown,
              pointer: pointerOf([...path, "$ref"]),
              message: `$ref must be a string, found ${child === null ? "null" : typeof child}`,
            });
        } else if (typeof child === "object" && child !== null) {
          stack.push({ node: child, path: [...path, key] });
        }
      }
    }
  }
  // Sorted by pointer (stable messages), each pointer computed once.
  return refs
    .map((ref) => ({ ref, key: pointerOf(ref.path) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ ref }) => ref);
}

/** Examples and extensions are data: a `$ref` key inside them is not a reference. */
function isData(path: readonly (string | number)[], key: string): boolean {
  if (path.at(-1) === "properties") return false;
  return key === "example" || key.startsWith("x-") || (key === "value" && path.at(-2) === "examples");
}

/**
 * Follows chains of bare `$ref`s (`A: {$ref: B}`, `B: {$ref: A}`), across files too; returns a description
 * when they loop without ever reaching a schema. Unreadable links are reported where they are written.
 * `verdicts` remembers, per link, the loop it leads into (or null: it reaches something), across calls.
 */
async function findBareLoop(
  file: LoadedFile,
  start: string[],
  load: (path: string) => Promise<LoadedFile | SpecProblem>,
  verdicts: Map<string, string | null>,
  allowed: (path: string) => boolean,
): Promise<string | undefined> {
  const chain: { id: string; label: string }[] = [];
  const onChain = new Map<string, number>();
  let current: LoadedFile | undefined = file;
  let tokens: string[] | null = start;
  let verdict: string | null = null;
  while (current && tokens) {
    const pointer = pointerOf(tokens);
    const id = `${current.path}\0${pointer}`;
    const label = `${current.path === file.path ? "" : current.shown}${pointer}`;
    const known = verdicts.get(id);
    if (known !== undefined) {
      verdict = known;
      break;
    }
    const seenAt = onChain.get(id);
    if (seenAt !== undefined) {
      verdict = [...chain.slice(seenAt).map((link) => link.label), label].join(" → ");
      break;
    }
    onChain.set(id, chain.length);
    chain.push({ id, label });
    const node = resolvePointer(current.value, tokens);
    const next = isObject(node) && Object.keys(node).length === 1 ? own(node, "$ref") : undefined;
    if (typeof next !== "string" || URL_SCHEME.test(next)) break;
    const hash = next.indexOf("#");
    const filePart = hash === -1 ? next : next.slice(0, hash);
    tokens = parsePointer(hash === -1 ? "" : next.slice(hash));
    if (filePart !== "") {
      // A link out of the input folders is reported where it is written (its own $ref); never read here.
      const next = resolve(dirname(current.path), safeDecode(filePart, filePart));
      if (!allowed(next)) break;
      const loaded = await load(next);
      current = isProblem(loaded) ? undefined : loaded;
    }
  }
  // Every link walked shares the outcome: a chain that runs into a loop never reaches a schema either.
  for (const link of chain) verdicts.set(link.id, verdict);
  return verdict ?? undefined;
}

/** Inside one of the input folders, by its path and by its real path (a symbolic link may point outside). */
export function insideRoots(path: string, roots: readonly string[]): boolean {
  const real = realpathOrSelf(path);
  return roots.some((root) => isWithin(path, root) && isWithin(real, realpathOrSelf(root)));
}

function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
