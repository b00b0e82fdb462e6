import { describe, expect, it } from "vitest";
import { identityFromPath, serverPath } from "../../../generator/src/model/oic-identity.js";

describe("OIC identity from URLs", () => {
  it.each([
    [
      "/ic/api/integration/v1/flows/rest/ORDERS_SYNC/1.0/orders",
      { code: "ORDERS_SYNC", version: "1.0", project: null, adapter: "rest" },
    ],
    [
      "/ic/api/integration/v2/flows/rest/project/FIN_AP/INVOICE_IMPORT/2.1",
      { code: "INVOICE_IMPORT", version: "2.1", project: "FIN_AP", adapter: "rest" },
    ],
    [
      "/ic/api/integration/v1/flows/oracleutilities/CCS_BILL/1.0/x",
      { code: "CCS_BILL", version: "1.0", project: null, adapter: "oracleutilities" },
    ],
    [
      "/integration/flowapi/rest/LEGACY_ORDERS/v01/orders",
      { code: "LEGACY_ORDERS", version: "1.0", project: null, adapter: "rest" },
    ],
  ])("%s", (path, identity) => {
    expect(identityFromPath(path)?.identity).toEqual(identity);
  });

  it("takes only a few digits as a version (a 22-digit gen1 version or a 300-digit minor is not OIC's)", () => {
    expect(identityFromPath("/integration/flowapi/rest/ORDERS/v1000000000000000000000/x")).toBeUndefined();
    expect(identityFromPath(`/ic/api/integration/v1/flows/rest/ORD/1.${"0".repeat(300)}/x`)).toBeUndefined();
    expect(identityFromPath("/integration/flowapi/rest/ORDERS/v0012/x")?.identity.version).toBe("12.0");
  });

  it("is absent for ordinary APIs", () => {
    expect(identityFromPath("/v1/pets/{petId}")).toBeUndefined();
  });

  it("reads the path of a server URL, variables replaced by defaults", () => {
    expect(serverPath("https://host:443/ic/api/integration/v1/flows/rest/A/1.0/")).toBe(
      "/ic/api/integration/v1/flows/rest/A/1.0",
    );
    expect(serverPath("https://{host}/{base}", { host: "h", base: "api" })).toBe("/api");
    expect(serverPath("/relative/base")).toBe("/relative/base");
  });
});
