import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOicClient } from "@oic-gen/runtime";
import { hashTree, ROOT, runCli, runHere, tempDir, tsFiles, typecheck } from "./support.js";

// Specs the peers (openapi-typescript, hey-api) generate although they bend the rules: accepted with a warning
// naming file and pointer, repaired so the functions can be called, refused under --strict.
const SLOPPY = join(ROOT, "test/fixtures/sloppy");
const OUT = join(ROOT, "test/.tmp/sloppy-compile");
const USAGE = join(ROOT, "test/generator/usage/sloppy-usage.ts");

/**
 * The cases that also run through the real CLI, for its exit code and stderr; every other case runs in this
 * process (`runHere`: the same generation and report without a process start-up each).
 */
const THROUGH_CLI = new Set(["undeclared-path-params.yaml"]);
const run = (args: string[], file: string) => (THROUGH_CLI.has(file) ? runCli(args) : runHere(args));

const expected: Record<string, string[]> = {
  "undeclared-path-params.yaml": [
    "#/paths/~1orgs~1{org_id}~1members~1{member}/get/parameters: path parameter {org_id} of /orgs/{org_id}/members/{member} is not declared: generated as a required string path parameter",
    '#/paths/~1orgs~1{org_id}/delete/parameters/0: path parameter "team" does not appear in the path /orgs/{org_id}',
  ],
  "google-style-paths.yaml": [
    "#/paths/~1v1~1{name}:readFile/get: GET /v1/{name}:readFile and GET /v1/{workspace}:readFile differ only in parameter names",
    '#/paths/~1search~1articles?query={query}: path "/search/articles?query={query}" carries a query string: generated as "/search/articles" with query parameter query',
  ],
  "loose-types.yaml": [
    '#/paths/~1things~1{id}/get/operationId: operationId "list" is also used at #/paths/~1things/get/operationId',
    '#/paths/~1things/get/parameters/0: a parameter without a "name": left out',
    '#/definitions/Thing/properties/when/type: unknown type "datetime": read as "string"',
    '#/definitions/Thing/properties/size/type: unknown type "int": read as "integer"',
    "#/definitions/Thing/properties/odd/type: type must be a type name, found an object: any value is accepted",
  ],
  "self-reference.yaml": [
    '#/components/schemas/Direct/items: schema "Direct" contains itself through "Direct" with no object in between (TypeScript cannot name that type): typed as unknown here',
    '#/components/schemas/Schema6/items: schema "Schema6" contains itself through "Schema4"',
    '#/components/schemas/Nullable2/oneOf/0: schema "Nullable2" contains itself through "Nullable"',
  ],
  "no-paths.openapi30.yaml": [
    '#: no "paths" (OpenAPI 3.0 requires it): generated the types and a module without functions',
  ],
};

// The whole folder, generated once: compiled below (one TypeScript program per check) and called.
beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const result = await runHere([SLOPPY, "--out", OUT]);
  expect(result.status, result.output).toBe(0);
});

describe("sloppy specs the peers accept", () => {
  it.each(Object.entries(expected))("%s generates with a warning naming file and pointer", async (file, warnings) => {
    const out = join(tempDir("sloppy-one"), "oic");
    const result = await run([join(SLOPPY, file), "--out", out], file);
    expect(result.status, result.output).toBe(0);
    for (const warning of warnings) expect(result.stderr).toContain(`${file} ${warning}`);
    expect(readdirSync(out).length).toBeGreaterThan(1);
  });

  it.each(Object.keys(expected))("%s is refused under --strict, the output folder left as it was", async (file) => {
    const out = join(tempDir("sloppy-strict"), "oic");
    expect((await runHere([join(ROOT, "specs/ORDERS_SYNC_01.00.0000.swagger.json"), "--out", out])).status).toBe(0);
    const before = hashTree(out);
    const input = join(tempDir("sloppy-strict-in"), file);
    copyFileSync(join(SLOPPY, file), input);
    const result = await run([input, "--out", out, "--strict"], file);
    expect(result.status, result.output).toBe(1);
    expect(result.stderr).toContain(expected[file]![0]!.split(":")[0]);
    expect(result.stderr).toContain("nothing was written");
    expect(hashTree(out)).toEqual(before);
  });

  it("accepts Swagger 2.0 with deep $refs into another file, and keeps __proto__ and hasOwnProperty names", async () => {
    const out = join(tempDir("sloppy-deep"), "oic");
    const result = await runHere([join(SLOPPY, "swagger-deep-refs"), "--out", out]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).not.toMatch(/YAML anchor/);
    const types = readFileSync(join(out, "deep-refs/types.ts"), "utf8");
    expect(types).toMatch(/^ {8}__proto__: \{\n {12}__proto__\?: string;\n {12}hasOwnProperty\?: boolean;/m);
  });

  it("repeats the warnings of an unchanged spec on the next run, so --strict still refuses it", async () => {
    const out = join(tempDir("sloppy-rerun"), "oic");
    const input = join(SLOPPY, "self-reference.yaml");
    expect((await runHere([input, "--out", out])).status).toBe(0);
    const again = await runHere([input, "--out", out]);
    expect(again.status).toBe(0);
    // The spec was reused, not emitted again: the warning came from the manifest.
    expect(again.stdout).toMatch(/already up to date/);
    expect(again.stderr).toContain('schema "Direct" contains itself');
    expect((await runHere([input, "--out", out, "--strict"])).status).toBe(1);
  });

  it("hoists deep $refs instead of copying them: 24 levels of two references each stay small", async () => {
    const out = join(tempDir("sloppy-fanout"), "oic");
    const result = await runHere([join(ROOT, "test/fixtures/awkward/deep-ref-fanout.json"), "--out", out]);
    expect(result.status, result.output).toBe(0);
    // Copying each reference would print 2^24 subtrees; hoisting prints each target once.
    expect(statSync(join(out, "bomb/types.ts")).size).toBeLessThan(50_000);
    expect(readFileSync(join(out, "bomb/types.ts"), "utf8")).not.toMatch(/\["properties"\]/);
  });

  it("accepts 3.1 documents with only webhooks and components, without a warning", async () => {
    const out = join(tempDir("sloppy-webhooks"), "oic");
    const result = await runHere([join(SLOPPY, "webhooks-only.openapi31.yaml"), "--out", out]);
    expect(result.status, result.output).toBe(0);
    expect(result.stderr).toBe("");
  });

  for (const resolution of ["NodeNext", "Bundler"] as const) {
    it(`compiles under --strict ${resolution}, and wrong calls do not`, () => {
      expect(typecheck([...tsFiles(OUT), USAGE], resolution)).toBe("");
    });
  }

  it("passes noUnusedLocals, schemas-only modules included", () => {
    expect(
      typecheck(tsFiles(OUT), "NodeNext", { noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true }),
    ).toBe("");
  });
});

describe("repaired operations call the URLs the spec meant", () => {
  let server: Server;
  const seen: string[] = [];
  let oic: Record<string, Record<string, (client: unknown, input?: unknown) => Promise<unknown>>>;
  let client: ReturnType<typeof createOicClient>;

  beforeAll(async () => {
    oic = await import(join(OUT, "index.ts"));
    server = createServer((req, res) => {
      seen.push(req.url!);
      res.writeHead(200, { "content-type": "application/json" }).end(req.url!.startsWith("/search") ? "[]" : "{}");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    client = createOicClient({ instanceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  afterAll(() => void server.close());

  it("fills an undeclared path parameter instead of sending {org_id}", async () => {
    await oic.undeclaredPathParameters!.getMember!(client, { path: { org_id: "ac me", member: 7 } });
    expect(seen.at(-1)).toBe("/orgs/ac%20me/members/7");
  });

  it("sends a path key's query string as query parameters", async () => {
    await oic.googleStylePaths!.searchArticles!(client, { query: { query: "a&b" } });
    expect(seen.at(-1)).toBe("/search/articles?query=a%26b");
  });

  it("keeps templates that differ only in parameter names apart", async () => {
    await oic.googleStylePaths!.readWorkspaceFile!(client, { path: { workspace: "w1" } });
    expect(seen.at(-1)).toBe("/v1/w1:readFile");
    await oic.googleStylePaths!.readNamedFile!(client, { path: { name: "n1" } });
    expect(seen.at(-1)).toBe("/v1/n1:readFile");
  });
});
