import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../../generator/dist/generate.js";
import { idleCores } from "../../../generator/dist/pipeline/idle-cores.js";
import { fleet, hashTree, tempDir } from "../support.js";

describe("threads", () => {
  it("by default, one per idle core (cores minus the load average), at least one and at most every core", () => {
    expect(idleCores(2, 0)).toBe(2);
    expect(idleCores(2, 0.4)).toBe(2);
    expect(idleCores(2, 1.6)).toBe(1);
    expect(idleCores(2, 10)).toBe(1);
    expect(idleCores(8, 3.2)).toBe(5);
    expect(idleCores(4, -1)).toBe(4);
  });

  // The default may use one thread on a busy machine: the worker path is run here by asking for two.
  it("worker threads (--jobs 2) give the bytes one thread gives", async () => {
    const specs = fleet(24, 7, { prefix: "threads-fleet" });
    const one = join(tempDir("threads-one"), "oic");
    const two = join(tempDir("threads-two"), "oic");
    const single = await generate({ inputs: [specs], out: one, jobs: 1 });
    const threaded = await generate({ inputs: [specs], out: two, jobs: 2 });
    expect(threaded.emitted).toBe(24);
    expect(single.emitted).toBe(24);
    expect(hashTree(two)).toEqual(hashTree(one));
  });
});
