import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { writeFleet } from "../../scripts/fleet/write-fleet.mjs";
import { printTypecheckCost, typecheckCost } from "../../scripts/typecheck-cost.mjs";
import { tempDir } from "../generator/support.js";

describe("scripts/typecheck-cost.mjs", () => {
  it("measures oic-gen's output and openapi-typescript's for the same specs, with skipLibCheck off and on", async () => {
    const fleet = tempDir("typecheck-cost-fleet");
    // Seed 5's first two: one OpenAPI 3 spec and one Swagger 2.0 spec, which the peer's side converts first.
    writeFleet({ out: fleet, count: 2, seed: 5 });
    const rows = await typecheckCost({ fleet, work: tempDir("typecheck-cost-work"), rounds: 1 });
    expect(rows.map((row) => row.skipLibCheck)).toEqual([false, true]);
    for (const row of rows)
      for (const side of [row.ours, row.peer]) {
        for (const key of ["wall", "cpu", "total", "check"]) expect(side[key]).toBeGreaterThan(0);
        expect(side.instantiations).toBeGreaterThan(0);
      }
    // The functions come on top of the same types; checking the libraries (skipLibCheck false) costs far more.
    expect(rows[1]!.ours.types).toBeGreaterThan(rows[1]!.peer.types);
    expect(rows[0]!.peer.instantiations).toBeGreaterThan(rows[1]!.peer.instantiations);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    printTypecheckCost(rows, 1);
    const printed = log.mock.calls.map((call) => String(call[0])).join("\n");
    log.mockRestore();
    const ratio = (rows[1]!.ours.instantiations / rows[1]!.peer.instantiations).toFixed(2);
    expect(printed).toContain(
      `instantiations ${rows[1]!.ours.instantiations} vs ${rows[1]!.peer.instantiations}: ${ratio}x`,
    );
  }, 240_000);

  it("refuses to compare output that does not compile", async () => {
    // Both outputs given, so nothing is generated; libraries unchecked, so each tsc is quick. The peer's compiles,
    // ours does not.
    const peer = tempDir("typecheck-cost-peer");
    writeFileSync(join(peer, "index.ts"), "export const n: number = 1;\n");
    const ours = tempDir("typecheck-cost-broken");
    mkdirSync(join(ours, "x"));
    writeFileSync(join(ours, "x/index.ts"), "export const n: number = 'not a number';\n");
    await expect(
      typecheckCost({
        fleet: tempDir("typecheck-cost-empty-fleet"),
        work: tempDir("typecheck-cost-work"),
        rounds: 1,
        ours,
        peer,
        skipLibCheck: [true],
      }),
    ).rejects.toThrow(/x\/index\.ts.*TS2322/);
  });
});
