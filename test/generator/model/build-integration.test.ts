import { describe, expect, it } from "vitest";
import { buildIntegration } from "../../../generator/src/model/build-integration.js";

const document = (extra: Record<string, unknown>) => ({
  openapi: "3.0.3",
  info: { title: "T", version: "1" },
  ...extra,
});

describe("the model of one prepared spec", () => {
  it("reads the OIC identity once, from the server path, and prefixes operation paths with it", () => {
    const integration = buildIntegration({
      source: "specs/x.json",
      warnings: [],
      document: document({
        servers: [{ url: "https://host/ic/api/integration/v2/flows/rest/project/FIN/ORDERS_SYNC/2.1" }],
        paths: {
          "/orders/{id}": {
            get: {
              operationId: "get-order",
              parameters: [{ name: "id", in: "path", required: true }],
              responses: { "200": { description: "ok" } },
            },
          },
        },
      }),
    });
    expect(integration.identity).toEqual({ adapter: "rest", project: "FIN", code: "ORDERS_SYNC", version: "2.1" });
    expect(integration).toMatchObject({ moduleName: "ordersSyncV2_1", folder: "orders-sync-v2-1", title: "T" });
    expect(integration.operations.map((op) => [op.name, op.method, op.path])).toEqual([
      ["getOrder", "GET", "/ic/api/integration/v2/flows/rest/project/FIN/ORDERS_SYNC/2.1/orders/{id}"],
    ]);
  });

  it("finds the identity in the paths when the server has none (Visual Builder specs)", () => {
    const integration = buildIntegration({
      source: "specs/vb.json",
      warnings: [],
      document: document({ paths: { "/ic/api/integration/v1/flows/rest/VB_X/1.0/run": { post: { responses: {} } } } }),
    });
    expect(integration.identity?.code).toBe("VB_X");
    expect(integration.operations[0]!.name).toBe("postRun");
  });

  it("names each component schema, clear of the operations' own type names", () => {
    const integration = buildIntegration({
      source: "specs/s.json",
      warnings: [],
      document: document({
        paths: { "/x": { get: { operationId: "getOrder", responses: { "200": { description: "ok" } } } } },
        components: {
          schemas: {
            "order-line": { type: "object", description: "One line" },
            GetOrderResult: { type: "object" },
            OicClient: { type: "string" },
            orderLine: { type: "object", deprecated: true },
          },
        },
      }),
    });
    expect(integration.schemas).toEqual([
      { name: "OrderLine", key: "order-line", description: "One line", deprecated: false },
      { name: "GetOrderResultSchema", key: "GetOrderResult", description: undefined, deprecated: false },
      { name: "OicClientSchema", key: "OicClient", description: undefined, deprecated: false },
      { name: "OrderLine2", key: "orderLine", description: undefined, deprecated: true },
    ]);
  });

  it("falls back to the file name for the title, and a spec without paths has no operations", () => {
    const integration = buildIntegration({
      source: "specs/Money.schemas.yaml",
      warnings: [],
      document: { openapi: "3.0.3", info: { title: "", version: "1" } },
    });
    expect(integration).toMatchObject({
      title: "Money.schemas",
      moduleName: "moneySchemas",
      operations: [],
      schemas: [],
    });
  });
});
