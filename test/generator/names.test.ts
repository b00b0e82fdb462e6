import { describe, expect, it } from "vitest";
import { camelCase, kebabCase, NameAllocator } from "../../generator/src/model/names.js";
import { assignModuleNames } from "../../generator/src/model/module-names.js";
import { identityFromPath, serverPath } from "../../generator/src/model/oic-identity.js";

describe("identifiers", () => {
  it.each([
    ["getOrder", "getOrder"],
    ["get-order", "getOrder"],
    ["payments.resend-remittance", "paymentsResendRemittance"],
    ["GET /orders/{orderId}", "getOrdersOrderId"],
    ["ORDERS_SYNC", "ordersSync"],
    ["delete", "delete_"],
    ["default", "default_"],
    ["class", "class_"],
    ["await", "await_"],
    ["invoke", "invoke_"],
    ["1op", "_1op"],
    ["näme", "näme"],
    ["with space", "withSpace"],
    ["__proto__", "proto"],
    ["constructor", "constructor"],
    ["then", "then_"],
    ["🚚", "fallback"],
  ])("%j → %s", (input, expected) => {
    expect(camelCase(input, "fallback")).toBe(expected);
  });

  it("shortens very long names predictably and keeps them distinct", () => {
    const a = camelCase(`get ${"very ".repeat(40)}long one`, "x");
    const b = camelCase(`get ${"very ".repeat(40)}long two`, "x");
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(b);
    expect(camelCase(`get ${"very ".repeat(40)}long one`, "x")).toBe(a);
  });

  it("numbers duplicates in call order, case-insensitively", () => {
    const names = new NameAllocator();
    expect(["execute", "execute", "Execute", "execute2"].map((name) => names.allocate(name))).toEqual(["execute", "execute2", "Execute3", "execute22"]);
  });

  it("makes folder names from module names", () => {
    expect(kebabCase("ordersSyncV1_0")).toBe("orders-sync-v1-0");
    expect(kebabCase("faPersonAndAbsencDetail")).toBe("fa-person-and-absenc-detail");
  });
});

describe("module names", () => {
  const summary = (code: string | null, version = "1.0", title = "T") => ({
    identity: code ? { code, version, project: null, adapter: "rest" } : null,
    basePath: "",
    title,
    description: undefined,
  });

  it("keeps two versions of one integration code apart", () => {
    expect(assignModuleNames([summary("ORDERS_SYNC", "1.0"), summary("ORDERS_SYNC", "2.0"), summary("INVOICES")])).toEqual([
      { moduleName: "ordersSyncV1_0", folder: "orders-sync-v1-0" },
      { moduleName: "ordersSyncV2_0", folder: "orders-sync-v2-0" },
      { moduleName: "invoices", folder: "invoices" },
    ]);
  });

  it("names non-OIC specs from their title and numbers clashes", () => {
    expect(assignModuleNames([summary(null, "", "Swagger Petstore"), summary(null, "", "swagger petstore"), summary(null, "", "default")]).map((n) => n.moduleName)).toEqual([
      "swaggerPetstore",
      "swaggerPetstore2",
      "default_",
    ]);
  });
});

describe("OIC identity from URLs", () => {
  it.each([
    ["/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders", { code: "ORDERS_SYNC", version: "1.0", project: null, adapter: "rest" }],
    ["/ic/api/integration/v2/flows/rest/project/FIN_AP/INVOICE_IMPORT/2.1", { code: "INVOICE_IMPORT", version: "2.1", project: "FIN_AP", adapter: "rest" }],
    ["/ic/api/integration/v1/flows/oracleutilities/CCS_BILL/1.0/x", { code: "CCS_BILL", version: "1.0", project: null, adapter: "oracleutilities" }],
    ["/integration/flowapi/rest/LEGACY_ORDERS/v01/orders", { code: "LEGACY_ORDERS", version: "1.0", project: null, adapter: "rest" }],
  ])("%s", (path, identity) => {
    expect(identityFromPath(path)?.identity).toEqual(identity);
  });

  it("is absent for ordinary APIs", () => {
    expect(identityFromPath("/v1/pets/{petId}")).toBeUndefined();
  });

  it("reads the path of a server URL, variables replaced by defaults", () => {
    expect(serverPath("https://host:443/ic/api/integration/v1/flows/rest/A/1.0/")).toBe("/ic/api/integration/v1/flows/rest/A/1.0");
    expect(serverPath("https://{host}/{base}", { host: "h", base: "api" })).toBe("/api");
    expect(serverPath("/relative/base")).toBe("/relative/base");
  });
});

describe("names at the edges", () => {
  it("shortens by code points, never splitting a surrogate pair", () => {
    const name = camelCase("𝑥".repeat(70), "x");
    expect(Array.from(name).length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u);
    expect(name.isWellFormed?.() ?? !/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))).toBe(true);
  });
});
