import { describe, expect, it } from "vitest";
import { formatProblem } from "../../generator/src/errors.js";

describe("problem lines", () => {
  it("are one line whatever a spec key holds: control characters, newlines and bidi overrides are escaped", () => {
    const line = formatProblem({
      file: "specs/x.json",
      pointer: "#/paths/~1x\n\u001b[32m\u2028\u202e",
      message: "fake\r\nline",
    });
    expect(line).not.toMatch(/[\u0000-\u001f\u2028\u202e]/);
    expect(line).toContain("\\u000a");
    expect(line).toContain("\\u001b");
    expect(line).toContain("\\u202e");
  });
});
