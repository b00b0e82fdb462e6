import { describe, expect, it } from "vitest";
import { emitTypes } from "../../../generator/src/emit/types-file.js";

const discriminated = () => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {},
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["kind"],
        properties: { kind: { type: "string" } },
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
      },
      Cat: {
        allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { lives: { type: "integer" } } }],
      },
    },
  },
});

describe("types.ts from openapi-typescript", () => {
  it("leaves the prepared document as it was (openapi-typescript writes into what it transforms), so re-emitting gives the same bytes", async () => {
    const doc = discriminated();
    const before = JSON.stringify(doc);
    const first = await emitTypes(doc, "specs/pets.yaml");
    expect(JSON.stringify(doc)).toBe(before);
    expect(await emitTypes(doc, "specs/pets.yaml")).toBe(first);
  });
});
