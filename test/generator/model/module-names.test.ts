import { describe, expect, it } from "vitest";
import { findNameClashes, moduleNameFor } from "../../../generator/src/model/module-names.js";

const oic = (code: string, version: string, source = `specs/${code}_${version}.json`) => ({
  identity: { code, version, project: null, adapter: "rest" },
  title: "Some title",
  source,
});
const plain = (title: string, source = `specs/${title}.yaml`) => ({ identity: null, title, source });

describe("module names", () => {
  it("names an integration after its code and always carries its version", () => {
    expect(moduleNameFor(oic("ORDERS_SYNC", "1.0"))).toEqual({
      moduleName: "ordersSyncV1_0",
      folder: "orders-sync-v1-0",
    });
    expect(moduleNameFor(oic("ORDERS_SYNC", "12.3"))).toEqual({
      moduleName: "ordersSyncV12_3",
      folder: "orders-sync-v12-3",
    });
  });

  it("names other specs after their title, safely", () => {
    expect(moduleNameFor(plain("Swagger Petstore")).moduleName).toBe("swaggerPetstore");
    expect(moduleNameFor(plain("default")).moduleName).toBe("default_");
    expect(moduleNameFor(plain("🚚")).moduleName).toBe("api");
  });

  it("uses a name pinned by code and version (URL or full OIC form), or by source for other specs", () => {
    expect(moduleNameFor(oic("ORDERS_SYNC", "1.0"), { "ORDERS_SYNC|1.0": "orders" }).moduleName).toBe("orders");
    expect(moduleNameFor(oic("ORDERS_SYNC", "1.0"), { "ORDERS_SYNC|01.00.0000": "orders" }).moduleName).toBe("orders");
    expect(moduleNameFor(oic("ORDERS_SYNC", "2.0"), { "ORDERS_SYNC|1.0": "orders" }).moduleName).toBe("ordersSyncV2_0");
    expect(moduleNameFor(plain("Petstore", "specs/pets.yaml"), { "specs/pets.yaml": "pets" })).toEqual({
      moduleName: "pets",
      folder: "pets",
    });
  });

  it("never takes a pin from the pins object's prototype", () => {
    // A spec whose source or code is named like an Object.prototype member finds no pin for it.
    expect(moduleNameFor(plain("Petstore", "toString"), {}).moduleName).toBe("petstore");
    expect(moduleNameFor(plain("Petstore", "__proto__"), {}).moduleName).toBe("petstore");
    expect(moduleNameFor(oic("constructor", "1.0", "constructor"), {}).moduleName).toBe("constructorV1_0");
  });
});

describe("name clashes", () => {
  it("refuses two specs that want one module name, naming both", () => {
    const problems = findNameClashes([
      { source: "specs/a.json", moduleName: "ordersSyncV1_0", folder: "orders-sync-v1-0" },
      { source: "specs/b.json", moduleName: "ordersSyncV1_0", folder: "orders-sync-v1-0" },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe("specs/b.json");
    expect(problems[0]!.message).toContain("specs/a.json");
    expect(problems[0]!.message).toContain("moduleNames");
  });

  it("refuses names that differ only in case (one folder on macOS and Windows)", () => {
    expect(
      findNameClashes([
        { source: "a", moduleName: "petsV1_0", folder: "pets-v1-0" },
        { source: "b", moduleName: "PetsV1_0", folder: "Pets-v1-0" },
      ]),
    ).toHaveLength(1);
  });

  it("accepts distinct names", () => {
    expect(
      findNameClashes([
        { source: "a", moduleName: "a", folder: "a" },
        { source: "b", moduleName: "b", folder: "b" },
      ]),
    ).toEqual([]);
  });
});
