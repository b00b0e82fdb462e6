import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../../generator/dist/generate.js";
import { ROOT, tempDir } from "../support.js";

// The top index is printed from the catalogue alone: a re-emitted spec whose catalogue entry is the same keeps
// it as it is; one whose operations changed gets it printed again.
const SPEC = join(ROOT, "specs/ORDERS_SYNC_02.00.0000.openapi.json");

describe("the top index on a re-run", () => {
  it("is kept when a changed spec keeps its catalogue entry, and rewritten when the entry changes", async () => {
    const dir = tempDir("index-reuse");
    const specs = join(dir, "specs");
    const out = join(dir, "out");
    mkdirSync(specs);
    const spec = join(specs, "orders.json");
    copyFileSync(SPEC, spec);
    await generate({ inputs: [specs], out });
    const index = join(out, "index.ts");
    const before = { text: readFileSync(index, "utf8"), ino: statSync(index).ino };

    writeFileSync(
      spec,
      readFileSync(SPEC, "utf8").replace('"summary": "List orders"', '"summary": "List every order"'),
    );
    const described = await generate({ inputs: [specs], out });
    expect(described.emitted).toBe(1);
    expect(described.changes.changed).toContain("orders-sync-v2-0/index.ts");
    expect(described.changes.changed).not.toContain("index.ts");
    expect({ text: readFileSync(index, "utf8"), ino: statSync(index).ino }).toEqual(before);

    writeFileSync(
      spec,
      readFileSync(SPEC, "utf8").replace('"operationId": "listOrders"', '"operationId": "findOrders"'),
    );
    const renamed = await generate({ inputs: [specs], out });
    expect(renamed.changes.changed).toContain("index.ts");
    expect(readFileSync(index, "utf8")).toContain('"findOrders"');
    expect(readFileSync(index, "utf8")).not.toContain('"listOrders"');
  });
});
