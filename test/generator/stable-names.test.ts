import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runHere, tempDir } from "./support.js";

// A module's name comes from its own spec: adding specs never renames or re-points an existing module.
describe("module names that do not move", () => {
  it("keeps ordersSyncV1_0 when version 2.0 arrives, refuses a look-alike code naming both specs, and takes a pin", async () => {
    const specs = join(tempDir("stable-names"), "specs");
    mkdirSync(specs);
    cpSync(join(ROOT, "specs/ORDERS_SYNC_01.00.0000.swagger.json"), join(specs, "ORDERS_SYNC_01.00.0000.swagger.json"));
    const out = join(tempDir("stable-names-out"), "oic");
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    const first = readFileSync(join(out, "orders-sync-v1-0/index.ts"), "utf8");

    cpSync(join(ROOT, "specs/ORDERS_SYNC_02.00.0000.openapi.json"), join(specs, "ORDERS_SYNC_02.00.0000.openapi.json"));
    expect((await runHere([specs, "--out", out])).status).toBe(0);
    expect(readFileSync(join(out, "orders-sync-v1-0/index.ts"), "utf8")).toBe(first);
    expect(readFileSync(join(out, "index.ts"), "utf8")).toMatch(
      /export \* as ordersSyncV2_0 from "\.\/orders-sync-v2-0\/index\.js"/,
    );

    // ORDERS-SYNC 1.0 would also be ordersSyncV1_0: refused, naming both specs, nothing written.
    const lookAlike = readFileSync(join(specs, "ORDERS_SYNC_01.00.0000.swagger.json"), "utf8").replaceAll(
      "/ORDERS_SYNC/",
      "/ORDERS-SYNC/",
    );
    writeFileSync(join(specs, "ORDERS-SYNC_01.00.0000.swagger.json"), lookAlike);
    const refused = await runHere([specs, "--out", out]);
    expect(refused.status).toBe(1);
    const clash = refused.stderr
      .split("\n")
      .find((line) => line.includes("module name ordersSyncV1_0 is also the name of"));
    expect(clash).toContain("specs/ORDERS_SYNC_01.00.0000.swagger.json");
    expect(clash).toContain("specs/ORDERS-SYNC_01.00.0000.swagger.json");
    expect(readFileSync(join(out, "orders-sync-v1-0/index.ts"), "utf8")).toBe(first);

    // A pin in the config file settles it; the original module still points at the original spec.
    const pinned = await runHere([specs, "--out", out], { moduleNames: { "ORDERS-SYNC|1.0": "ordersSyncDash" } });
    expect(pinned.status, pinned.stderr).toBe(0);
    expect(readFileSync(join(out, "orders-sync-v1-0/index.ts"), "utf8")).toBe(first);
    expect(readFileSync(join(out, "orders-sync-dash/index.ts"), "utf8")).toMatch(/\/ORDERS-SYNC\/1\.0\//);
  });
});
