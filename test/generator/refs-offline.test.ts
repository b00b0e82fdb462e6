import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashTree, runCliAsync, tempDir } from "./support.js";

describe("$refs in examples and extensions are data: never read outside the inputs, never fetched", () => {
  it("bundling a multi-file spec reads only the checked files", async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url!);
      res.writeHead(200, { "content-type": "application/json" }).end('{"leaked": "FROM-THE-NETWORK"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const dir = tempDir("refs-offline");
      writeFileSync(join(dir, "outside-secret.json"), '{"secret": "FROM-OUTSIDE-THE-INPUTS"}');
      const specs = join(dir, "specs");
      mkdirSync(join(specs, "schemas"), { recursive: true });
      writeFileSync(
        join(specs, "schemas", "order.schema.yaml"),
        "Order:\n  type: object\n  properties:\n    id:\n      type: string\n",
      );
      writeFileSync(
        join(specs, "orders.openapi.yaml"),
        [
          "openapi: 3.0.3",
          "info: { title: Orders, version: '1' }",
          `x-leak: { $ref: 'http://127.0.0.1:${port}/ext.json' }`,
          "paths:",
          "  /orders:",
          "    get:",
          "      responses:",
          "        '200':",
          "          description: OK",
          "          content:",
          "            application/json:",
          "              schema: { $ref: './schemas/order.schema.yaml#/Order' }",
          "              example: { $ref: '../outside-secret.json' }",
          "              examples:",
          `                remote: { value: { $ref: 'http://127.0.0.1:${port}/ex.json' } }`,
        ].join("\n"),
      );
      const out = join(dir, "out");
      const result = await runCliAsync([specs, "--out", out]);
      expect(result.code, result.output).toBe(0);
      const generated = Object.keys(hashTree(out)).map((file) => file);
      expect(generated).toContain("orders/types.ts");
      const { readFileSync } = await import("node:fs");
      const text = generated.map((file) => readFileSync(join(out, file), "utf8")).join("\n");
      expect(text).not.toContain("FROM-OUTSIDE-THE-INPUTS");
      expect(text).not.toContain("FROM-THE-NETWORK");
      expect(text).toContain("id?: string");
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });
});
