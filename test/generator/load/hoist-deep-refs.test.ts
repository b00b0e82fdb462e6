import { describe, expect, it } from "vitest";
import { hoistDeepRefs } from "../../../generator/src/load/hoist-deep-refs.js";

describe("deep $refs hoisted into components", () => {
  it("hoists each target once, points every reference at it, and keeps a self-reference recursive", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {},
      components: {
        schemas: {
          Report: {
            definitions: {
              part: {
                type: "object",
                properties: {
                  parts: { type: "array", items: { $ref: "#/components/schemas/Report/definitions/part" } },
                },
              },
            },
          },
          A: {
            type: "object",
            properties: {
              p: { $ref: "#/components/schemas/Report/definitions/part" },
              q: { $ref: "#/components/schemas/Report/definitions/part" },
            },
          },
        },
      },
    };
    const before = JSON.stringify(doc);
    const out = hoistDeepRefs(doc) as { components: { schemas: Record<string, any> } };
    expect(JSON.stringify(doc)).toBe(before); // copied, never mutated
    expect(out.components.schemas.Report_part.properties.parts.items.$ref).toBe("#/components/schemas/Report_part");
    expect(out.components.schemas.A.properties.p.$ref).toBe("#/components/schemas/Report_part");
    expect(out.components.schemas.A.properties.q.$ref).toBe("#/components/schemas/Report_part");
  });

  it("hoists a reference inside a schema as a schema, whatever its property is called", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {},
      components: {
        schemas: {
          Base: { type: "object", properties: { inner: { type: "string" } } },
          Holder: {
            type: "object",
            properties: {
              requestBody: { $ref: "#/components/schemas/Base/properties/inner" },
              parameters: { type: "array", items: { $ref: "#/components/schemas/Base/properties/inner" } },
            },
          },
        },
      },
    };
    const out = hoistDeepRefs(doc) as { components: Record<string, any> };
    expect(out.components.schemas.Base_inner).toEqual({ type: "string" });
    expect(out.components.requestBodies).toBeUndefined();
    expect(out.components.parameters).toBeUndefined();
    expect(out.components.schemas.Holder.properties.requestBody.$ref).toBe("#/components/schemas/Base_inner");
    expect(out.components.schemas.Holder.properties.parameters.items.$ref).toBe("#/components/schemas/Base_inner");
  });

  it("hoists a response or parameter written in an operation as that kind of component", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {
        "/a": {
          get: {
            parameters: [{ name: "id", in: "query", schema: { type: "string" } }],
            responses: { "200": { description: "ok" } },
          },
        },
        "/b": {
          get: {
            parameters: [{ $ref: "#/paths/~1a/get/parameters/0" }],
            responses: { "200": { $ref: "#/paths/~1a/get/responses/200" } },
          },
        },
      },
    };
    const out = hoistDeepRefs(doc) as {
      components: Record<string, Record<string, unknown>>;
      paths: Record<string, any>;
    };
    expect(Object.keys(out.components.parameters!)).toHaveLength(1);
    expect(Object.keys(out.components.responses!)).toHaveLength(1);
    expect(out.paths["/b"].get.parameters[0].$ref).toMatch(/^#\/components\/parameters\//);
  });

  it("never hoists a target that is not an object: a schema that refers to plain data is any value", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {
        "/x": {
          get: {
            "x-sample": "curl",
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/paths/~1x/get/x-sample" } } },
              },
            },
          },
        },
      },
    };
    const out = hoistDeepRefs(doc) as { components?: { schemas?: object }; paths: Record<string, any> };
    expect(out.components?.schemas ?? {}).toEqual({});
    expect(out.paths["/x"].get.responses["200"].content["application/json"].schema).toEqual({});
  });
});
