import { lstatSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesIntact } from "../../../generator/dist/write/intact-files.js";
import { sha256, type Manifest } from "../../../generator/dist/write/manifest.js";
import { TrustedStamps } from "../../../generator/dist/write/trusted-stamps.js";
import { tempDir } from "../support.js";

// What --watch remembers of generated files between runs: a file is read again unless its stamp (inode, size,
// modification and change times) is the one it had when it was last read, long enough after its last change.
const TEXT = "export type Order = { id: string };\n";
const LATER = () => Date.now() + 60_000;

function outputWith(text: string): { dir: string; manifest: Manifest; file: string } {
  const dir = tempDir("trusted");
  const file = join(dir, "types.ts");
  writeFileSync(file, text);
  return { dir, file, manifest: { generator: "test", files: { "types.ts": sha256(text) }, integrations: [] } };
}

describe("trusted stamps of generated files", () => {
  it("trusts a file read earlier whose stamp is unchanged, and only that file", () => {
    const { dir, file, manifest } = outputWith(TEXT);
    const trusted = new TrustedStamps(LATER);
    expect(filesIntact(dir, ["types.ts"], manifest, trusted)).toBe(true);
    expect(trusted.get(file, lstatSync(file, { bigint: true }))).toBe(sha256(TEXT));
    expect(trusted.get(join(dir, "other.ts"), lstatSync(file, { bigint: true }))).toBeUndefined();
  });

  it("still finds a hand edit that keeps the size and the modification time", () => {
    const { dir, file, manifest } = outputWith(TEXT);
    const stamp = new Date("2026-01-02T03:04:05Z");
    utimesSync(file, stamp, stamp);
    const trusted = new TrustedStamps(LATER);
    expect(filesIntact(dir, ["types.ts"], manifest, trusted)).toBe(true);
    const before = lstatSync(file);
    const edited = TEXT.replace("id", "ID");
    expect(edited.length).toBe(TEXT.length);
    writeFileSync(file, edited);
    utimesSync(file, stamp, stamp);
    expect([lstatSync(file).size, lstatSync(file).mtimeMs, lstatSync(file).ino]).toEqual([
      before.size,
      before.mtimeMs,
      before.ino,
    ]);
    // Only the change time tells, and that is enough: the file is read, and found edited.
    expect(filesIntact(dir, ["types.ts"], manifest, trusted)).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(edited);
  });

  it("does not trust the stamp of a file changed too recently (a change in the same clock tick keeps it)", () => {
    const { dir, file, manifest } = outputWith(TEXT);
    const trusted = new TrustedStamps();
    expect(filesIntact(dir, ["types.ts"], manifest, trusted)).toBe(true);
    expect(trusted.get(file, lstatSync(file, { bigint: true }))).toBeUndefined();
  });

  it("never lets a stamp stand for content other than the manifest's", () => {
    const { dir, file, manifest } = outputWith(TEXT);
    const trusted = new TrustedStamps(LATER);
    expect(filesIntact(dir, ["types.ts"], manifest, trusted)).toBe(true);
    // Same stamp, but the manifest now records another hash: the remembered one does not match it.
    expect(filesIntact(dir, ["types.ts"], { ...manifest, files: { "types.ts": sha256("other") } }, trusted)).toBe(
      false,
    );
    expect(trusted.get(file, lstatSync(file, { bigint: true }))).toBe(sha256(TEXT));
  });
});
