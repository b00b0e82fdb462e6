import { describe, expect, test } from "vitest";
import { defaultRefreshAhead } from "../../runtime/src/internal.js";

describe("default refresh-ahead window", () => {
  test("is 10% of the lifetime for short-lived tokens", () => {
    expect(defaultRefreshAhead(2_000)).toBe(200);
    expect(defaultRefreshAhead(60_000)).toBe(6_000);
  });
  test("is capped at 5 minutes for long-lived tokens (IDCS default 3600 s)", () => {
    expect(defaultRefreshAhead(3_600_000)).toBe(300_000);
  });
});
