import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import module, { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { requireWithCodeCache } from "../../../generator/dist/emit/code-cache.js";
import { tempDir } from "../support.js";

// Where Node has no compile cache of its own (before 22.1), TypeScript is loaded through V8's code cache, kept
// in a folder of the user's under the temporary folder. TMPDIR points that folder into the test's own.
const nodeHasCompileCache = "enableCompileCache" in module;
const savedTmp = process.env.TMPDIR;
afterEach(() => {
  // Assigning undefined to process.env would store the string "undefined".
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

function moduleFile(): string {
  const dir = tempDir("code-cache");
  const file = join(dir, "answer.cjs");
  writeFileSync(file, "exports.answer = 42; exports.where = __dirname; exports.path = require('node:path').sep;\n");
  return file;
}

const cacheFolder = (tmp: string) => join(tmp, `oic-gen-code-cache-${process.getuid!()}`);

describe("requireWithCodeCache", () => {
  it("loads the module as require would, once: later requires get the same instance", () => {
    const file = moduleFile();
    process.env.TMPDIR = tempDir("code-cache-tmp");
    const exports = requireWithCodeCache(createRequire(file), file) as Record<string, unknown>;
    expect(exports).toEqual({ answer: 42, where: join(file, ".."), path: "/" });
    expect(createRequire(file)(file)).toBe(exports);
  });

  it.skipIf(nodeHasCompileCache)("writes the code cache in a 0700 folder of the user's, then reads it back", () => {
    const tmp = tempDir("code-cache-tmp");
    process.env.TMPDIR = tmp;
    const first = moduleFile();
    requireWithCodeCache(createRequire(first), first);
    const folder = cacheFolder(tmp);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const [cached] = readdirSync(folder);
    expect(cached).toMatch(/^[0-9a-f]{32}\.v8$/);
    expect(statSync(join(folder, cached!)).mode & 0o777).toBe(0o600);
    // Loaded again (a new process would): the cached code is accepted, so the file is not written anew.
    const written = statSync(join(folder, cached!)).ino;
    delete createRequire(first).cache[first];
    expect((requireWithCodeCache(createRequire(first), first) as { answer: number }).answer).toBe(42);
    expect(statSync(join(folder, cached!)).ino).toBe(written);
    // The same source elsewhere is another module (the path is part of the key): a second cache file.
    const second = moduleFile();
    expect((requireWithCodeCache(createRequire(second), second) as { answer: number }).answer).toBe(42);
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it.skipIf(nodeHasCompileCache)("reads and writes nothing in a cache folder that others may write to", () => {
    const tmp = tempDir("code-cache-tmp");
    process.env.TMPDIR = tmp;
    mkdirSync(cacheFolder(tmp));
    chmodSync(cacheFolder(tmp), 0o777);
    const file = moduleFile();
    expect((requireWithCodeCache(createRequire(file), file) as { answer: number }).answer).toBe(42);
    expect(readdirSync(cacheFolder(tmp))).toEqual([]);
  });
});
