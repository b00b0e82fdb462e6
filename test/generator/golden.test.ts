import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashTree, ROOT, runHere, tempDir } from "./support.js";

// Reviewed output for specs/. To accept a deliberate change: `npx vitest run test/generator/golden.test.ts -u`,
// then read the diff of test/golden/ before committing it.
const GOLDEN = join(ROOT, "test/golden/specs");

describe("golden output for specs/", () => {
  let out: string;
  beforeAll(async () => {
    out = tempDir("golden");
    rmSync(out, { recursive: true, force: true });
    const result = await runHere(["./specs", "--out", out]);
    expect(result.status, result.output).toBe(0);
  });

  it("produces exactly the reviewed set of files", () => {
    expect(Object.keys(hashTree(out)).sort()).toEqual(
      Object.keys(hashTree(GOLDEN))
        .map((file) => file.replace(/\.golden$/, ""))
        .sort(),
    );
  });

  it.each(Object.keys(hashTree(GOLDEN)).sort())("%s matches", async (file) => {
    const actual = readFileSync(join(out, file.replace(/\.golden$/, "")), "utf8");
    await expect(actual).toMatchFileSnapshot(join(GOLDEN, file));
  });
});
