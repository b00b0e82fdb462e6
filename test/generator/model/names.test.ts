import { describe, expect, it } from "vitest";
import { camelCase, kebabCase, NameAllocator } from "../../../generator/src/model/names.js";

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

  it("tells names apart as the emitter uses them: after PascalCase and without case", () => {
    const names = new NameAllocator();
    // ſ (long s) upper-cases to S: both would declare SfooResult.
    expect(["ſfoo", "sfoo", "ßx", "SSx"].map((name) => names.allocate(name))).toEqual(["ſfoo", "sfoo2", "ßx", "SSx2"]);
  });

  it("numbers duplicates in call order, case-insensitively", () => {
    const names = new NameAllocator();
    expect(["execute", "execute", "Execute", "execute2"].map((name) => names.allocate(name))).toEqual([
      "execute",
      "execute2",
      "Execute3",
      "execute22",
    ]);
  });

  it("skips suffixes taken as names of their own, and numbers long runs of one base in order", () => {
    const names = new NameAllocator(["Item3"]);
    expect(["item", "item", "item", "item2", "item"].map((name) => names.allocate(name))).toEqual([
      "item",
      "item2",
      "item4", // Item3 was reserved
      "item22",
      "item5",
    ]);
    const run = new NameAllocator();
    const allocated = Array.from({ length: 5000 }, () => run.allocate("repository"));
    expect(new Set(allocated).size).toBe(5000);
    expect(allocated.at(-1)).toBe("repository5000");
  });

  it("makes folder names from module names", () => {
    expect(kebabCase("ordersSyncV1_0")).toBe("orders-sync-v1-0");
    expect(kebabCase("faPersonAndAbsencDetailV1_0")).toBe("fa-person-and-absenc-detail-v1-0");
  });
});

describe("names at the edges", () => {
  it("shortens by code points, never splitting a surrogate pair", () => {
    const name = camelCase("𝑥".repeat(70), "x");
    expect(Array.from(name).length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u);
    expect(name.isWellFormed?.() ?? !/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))).toBe(
      true,
    );
  });
});
