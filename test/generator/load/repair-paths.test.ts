import { describe, expect, it } from "vitest";
import { repairPaths } from "../../../generator/src/load/repair-paths.js";

describe("paths made callable", () => {
  it("declares an undeclared {param} as a required string and drops a path parameter the path lacks", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {
        "/orgs/{org}": {
          get: {
            parameters: [{ name: "team", in: "path", required: true, schema: { type: "integer" } }],
            responses: {},
          },
        },
      },
    };
    const out = repairPaths(doc) as { paths: Record<string, any> };
    expect(out.paths["/orgs/{org}"].get.parameters).toEqual([
      { name: "org", in: "path", required: true, schema: { type: "string" } },
    ]);
    expect(doc.paths["/orgs/{org}"].get.parameters[0]!.name).toBe("team"); // the input is not mutated
  });

  it("moves a query string into query parameters, keeping the type of a {q} that was declared in: path", () => {
    const doc = {
      openapi: "3.0.3",
      paths: {
        "/search?q={q}&kind=all": {
          get: { parameters: [{ name: "q", in: "path", required: true, schema: { type: "integer" } }], responses: {} },
        },
      },
    };
    const out = repairPaths(doc) as { paths: Record<string, any> };
    expect(Object.keys(out.paths)).toEqual(["/search"]);
    expect(out.paths["/search"].get.parameters).toEqual([
      { name: "q", in: "query", required: true, schema: { type: "integer" } },
      { name: "kind", in: "query", required: true, schema: { type: "string", enum: ["all"] } },
    ]);
  });

  it("leaves a $ref'd path item and a key whose path is taken as written", () => {
    const doc = {
      openapi: "3.1.0",
      paths: {
        "/s?kind=all": { $ref: "#/components/pathItems/S" },
        "/t": { get: { responses: {} } },
        "/t?kind=x": { get: { responses: {} } },
      },
    };
    const out = repairPaths(doc) as { paths: Record<string, unknown> };
    expect(Object.keys(out.paths)).toEqual(["/s?kind=all", "/t", "/t?kind=x"]);
  });
});
