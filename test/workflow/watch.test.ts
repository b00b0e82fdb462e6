import { spawn } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, hashTree, ROOT, tempDir } from "../generator/support.js";

describe("oic-gen --watch", () => {
  it("regenerates on change, re-emitting only the integration whose spec changed, and survives a broken save", async () => {
    const dir = tempDir("watch");
    const specs = join(dir, "specs");
    cpSync(join(ROOT, "specs"), specs, { recursive: true });
    const out = join(dir, "oic");
    const child = spawn(process.execPath, [CLI, specs, "--out", out, "--watch"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const waitFor = async (pattern: RegExp, from: () => string) => {
      for (let i = 0; i < 300 && !pattern.test(from()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(from(), stdout + stderr).toMatch(pattern);
    };
    try {
      await waitFor(/17 added/, () => stdout); // the generated files; the manifest is not counted
      const before = hashTree(out);
      const file = join(specs, "SHIPMENT_NOTIFY_01.00.0001.openapi.yaml");
      const original = readFileSync(file, "utf8");
      writeFileSync(file, original.replace("Get a delivery with its tracking history", "Get one delivery"));
      await waitFor(/0 added, 2 changed, 0 removed/, () => stdout); // the summary counts generated files, not the manifest
      const after = hashTree(out);
      const changed = Object.keys(after)
        .filter((path) => after[path] !== before[path])
        .sort();
      // Only that integration (its JSDoc in both files) and the manifest; the index lists names only, so it stays.
      expect(changed).toEqual([
        ".oic-gen-manifest.json",
        "shipment-notify-v1-0/index.ts",
        "shipment-notify-v1-0/types.ts",
      ]);

      writeFileSync(file, "openapi: 3.0.3\ninfo: [");
      await waitFor(/SHIPMENT_NOTIFY_01\.00\.0001\.openapi\.yaml: invalid YAML/, () => stderr);
      expect(hashTree(out)).toEqual(after);
      expect(child.exitCode).toBeNull();

      writeFileSync(file, original);
      await waitFor(/0 added, 2 changed, 0 removed[\s\S]*0 added, 2 changed, 0 removed/, () => stdout);
      expect(hashTree(out)).toEqual(before);

      // A file reached only through a $ref changes: the spec that refers to it is checked and emitted again.
      const schema = join(specs, "hr", "schemas", "employee.schema.yaml");
      writeFileSync(
        schema,
        readFileSync(schema, "utf8").replace(
          /^(\s+)personNumber:\n/m,
          "$1personNumber:\n$1  description: The Fusion person number\n",
        ),
      );
      await waitFor(/(0 added, [1-9] changed, 0 removed[\s\S]*){3}/, () => stdout);
      const changedByRef = Object.keys(hashTree(out)).filter((path) => hashTree(out)[path] !== before[path]);
      expect(changedByRef).toContain("employee-sync-v1-0/types.ts");
      expect(
        changedByRef.every((path) => path.startsWith("employee-sync-v1-0/") || path === ".oic-gen-manifest.json"),
      ).toBe(true);
    } finally {
      child.kill("SIGINT");
      await new Promise((resolve) => child.on("exit", resolve));
    }
    expect(child.exitCode === 0 || child.signalCode === "SIGINT").toBe(true);
  }, 90_000);
});
