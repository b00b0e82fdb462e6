/**
 * The sandbox's sample payloads (`sandbox/src/sample-data.ts`): what the OIC stand-in answers when a spec has
 * no example. Deterministic, shaped by the schema, bounded on recursive schemas, and XML that stays well-formed.
 */
import { describe, expect, it } from "vitest";
import { mediaExample, renderXml, sampleValue } from "../../sandbox/src/sample-data.js";

describe("sampleValue", () => {
  it("prefers the schema's example, then examples, const, enum (not null) and default", () => {
    const doc = {};
    expect(sampleValue(doc, { type: "string", example: "from-example", default: "d" })).toBe("from-example");
    expect(sampleValue(doc, { type: "string", examples: ["first", "second"] })).toBe("first");
    expect(sampleValue(doc, { const: 7 })).toBe(7);
    expect(sampleValue(doc, { type: "string", enum: [null, "OPEN", "CLOSED"] })).toBe("OPEN");
    expect(sampleValue(doc, { type: "integer", default: 42 })).toBe(42);
  });

  it("shapes objects by their properties, with names, formats and bounds", () => {
    const doc = {
      components: {
        schemas: {
          order: {
            type: "object",
            properties: {
              orderNumber: { type: "string" },
              placedAt: { type: "string", format: "date-time" },
              quantity: { type: "integer", minimum: 3 },
              price: { type: "number", maximum: 1 },
              code: { type: "string", minLength: 12 },
              short: { type: "string", maxLength: 3 },
              lines: { type: "array", items: { $ref: "#/components/schemas/line" }, minItems: 5 },
            },
          },
          line: { type: "object", properties: { sku: { type: "string" }, active: { type: "boolean" } } },
        },
      },
    };
    expect(sampleValue(doc, { $ref: "#/components/schemas/order" }, "order")).toEqual({
      orderNumber: "orderNumber-1",
      placedAt: "2025-01-15T09:30:00.000Z",
      quantity: 3,
      price: 1,
      code: "code-1xxxxxx",
      short: "sho",
      // Arrays hold at most two items, whatever minItems asks for.
      lines: [
        { sku: "sku-1", active: true },
        { sku: "sku-1", active: true },
      ],
    });
  });

  it("merges allOf parts and takes the first non-null oneOf choice", () => {
    const doc = {};
    expect(
      sampleValue(doc, {
        allOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { type: "object", properties: { b: { type: "integer" } } },
        ],
      }),
    ).toEqual({ a: "a-1", b: 1 });
    expect(sampleValue(doc, { oneOf: [{ type: "null" }, { type: "boolean" }] })).toBe(true);
  });

  it("stops a recursive schema after one nested level", () => {
    const doc = {
      components: {
        schemas: {
          node: {
            type: "object",
            properties: { name: { type: "string" }, child: { $ref: "#/components/schemas/node" } },
          },
        },
      },
    };
    expect(sampleValue(doc, { $ref: "#/components/schemas/node" }, "node")).toEqual({
      name: "name-1",
      child: { name: "name-1" },
    });
  });

  it("keeps a property named __proto__ as data, not as the object's prototype", () => {
    const value = sampleValue({}, { type: "object", properties: { ["__proto__"]: { type: "string" } } }) as object;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe("mediaExample", () => {
  it("reads example, else the first inline examples value, and never fetches externalValue", () => {
    const doc = { components: { examples: { shared: { value: { id: "from-ref" } } } } };
    expect(mediaExample(doc, { example: { id: 1 } })).toEqual({ value: { id: 1 } });
    expect(mediaExample(doc, { examples: { a: { $ref: "#/components/examples/shared" } } })).toEqual({
      value: { id: "from-ref" },
    });
    expect(mediaExample(doc, { examples: { far: { externalValue: "https://example.com/x.json" } } })).toBeUndefined();
    expect(mediaExample(doc, { schema: { type: "string" } })).toBeUndefined();
  });
});

describe("renderXml", () => {
  it("uses the schema's xml name, attributes and wrapped arrays, and escapes text", () => {
    const schema = {
      type: "object",
      xml: { name: "invoice" },
      properties: {
        number: { type: "string", xml: { attribute: true } },
        note: { type: "string" },
        lines: { type: "array", xml: { wrapped: true }, items: { type: "string", xml: { name: "line" } } },
      },
    };
    const xml = renderXml({}, schema, { number: "INV-1", note: "a < b & c", lines: ["x", "y"] });
    expect(xml).toContain('<invoice number="INV-1">');
    expect(xml).toContain("<note>a &lt; b &amp; c</note>");
    expect(xml).toMatch(/<lines>\s*<line>x<\/line>\s*<line>y<\/line>\s*<\/lines>/);
  });
});
