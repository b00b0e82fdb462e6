import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Loads the CommonJS file `require` resolves `id` to with V8's code cache, where Node has no compile cache of
 * its own (`module.enableCompileCache`, Node 22.1 and later, which `bin/oic-gen.js` turns on): on Node 20,
 * compiling TypeScript's 9 MB costs every run that emits a spec 0.15-0.3 s, and reading the compiled code back
 * costs a fraction of that. The module is registered in `require.cache`, so every later `require` of it (from
 * openapi-typescript's own files) gets this instance. Any failure falls back to a plain `require`.
 *
 * The cache lives where Node 22 keeps its own, in the system's temporary folder, in a folder of this user's
 * that no one else may write to (checked before anything is read from it); V8 itself refuses data made from
 * another source text or by another V8 version, and the file is then written anew.
 */
export function requireWithCodeCache(require: NodeJS.Require, id: string): unknown {
  const file = require.resolve(id);
  if (require.cache[file] || "enableCompileCache" in module) return require(file);
  try {
    return loadWithCodeCache(file);
  } catch {
    return require(file);
  }
}

function loadWithCodeCache(file: string): unknown {
  const source = readFileSync(file, "utf8");
  const key = createHash("sha256").update(`${process.version}\0${file}\0`).update(source).digest("hex").slice(0, 32);
  const folder = cacheFolder();
  const cacheFile = folder && join(folder, `${key}.v8`);
  const cachedData = cacheFile ? readOrNothing(cacheFile) : undefined;
  const script = new Script(module.wrap(source), { filename: file, cachedData });
  const loaded = new module.Module(file);
  loaded.filename = file;
  loaded.paths = (module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dirname(file));
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  compiled.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, dirname(file));
  loaded.loaded = true;
  createRequire(file).cache[file] = loaded;
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // Written aside and renamed: a run reading it at the same time sees the old file or the whole new one.
    const partial = `${cacheFile}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, cacheFile);
  }
  return loaded.exports;
}

/** `<tmp>/oic-gen-code-cache-<uid>`, created 0700 if missing; `undefined` when it is not a folder only this user can write to. */
function cacheFolder(): string | undefined {
  const uid = process.getuid?.();
  const folder = join(tmpdir(), `oic-gen-code-cache${uid === undefined ? "" : `-${uid}`}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const info = lstatSync(folder);
  if (!info.isDirectory()) return undefined;
  if (uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0)) return undefined;
  return folder;
}

function readOrNothing(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
