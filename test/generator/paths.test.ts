import { relative, sep } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInside, plainBelow } from "../../generator/src/paths.js";

// plainBelow answers path.relative's question by comparing strings, for plain absolute paths only; whatever it
// answers must be what path.relative answers, and isInside must agree with path.relative.
const segment = fc.constantFrom("a", "b", "ab", ".", "..", "", ".x", "..y", "specs", "A");
const path = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 5 }), fc.boolean())
  .map(([absolute, parts, trailing]) => `${absolute ? sep : ""}${parts.join(sep)}${trailing ? sep : ""}`);

function slowIsInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

describe("plainBelow", () => {
  it("answers as path.relative does whenever it answers", () => {
    fc.assert(
      fc.property(path, path, (parent, child) => {
        const fast = plainBelow(parent, child);
        if (fast !== undefined) expect(fast).toBe(relative(parent, child));
      }),
      { numRuns: 2000 },
    );
  });

  it("answers the common case: a file below its folder, and the folder itself", () => {
    expect(plainBelow(`${sep}work${sep}specs`, `${sep}work${sep}specs${sep}hr${sep}a.yaml`)).toBe(`hr${sep}a.yaml`);
    expect(plainBelow(`${sep}work${sep}specs`, `${sep}work${sep}specs`)).toBe("");
    expect(plainBelow(sep, `${sep}work`)).toBe("work");
    expect(plainBelow(`${sep}work${sep}specs`, `${sep}work${sep}specs2${sep}a.json`)).toBeUndefined();
    expect(plainBelow(`${sep}work${sep}specs`, `${sep}work${sep}specs${sep}..${sep}x`)).toBeUndefined();
  });

  it("keeps isInside what path.relative says (a folder named ..specs is inside its parent)", () => {
    expect(isInside(`${sep}work${sep}..specs${sep}a.json`, `${sep}work`)).toBe(true);
    expect(isInside(`${sep}work${sep}..${sep}a.json`, `${sep}work`)).toBe(false);
    fc.assert(
      fc.property(path, path, (parent, child) => {
        expect(isInside(child, parent)).toBe(slowIsInside(child, parent));
      }),
      { numRuns: 2000 },
    );
  });
});
