import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findInputs } from "../../generator/src/load/find-inputs.js";
import { FileCache } from "../../generator/src/load/file-cache.js";
import { checkSpecs, prepareInput, prepareSpec } from "../../generator/src/load/load-specs.js";
import { buildIntegration } from "../../generator/src/model/build-integration.js";
import { pascalCase } from "../../generator/src/model/names.js";
import type { Integration, Operation } from "../../generator/src/model/types.js";
import { fleet, ROOT, runHere, tempDir, tsFiles, typecheck } from "./support.js";

// Generated functions name a payload's component schema (`Order`) or index openapi-typescript's `paths` without
// NonNullable<>: cheaper to type-check, shorter to read. This pins that each of those types is exactly the type
// openapi-typescript's own path to the payload gives, for specs/, the sloppy fixtures and an OIC-style fleet.
const SOURCES = {
  specs: join(ROOT, "specs"),
  sloppy: join(ROOT, "test/fixtures/sloppy"),
  fleet: "",
};

const str = JSON.stringify;

/** openapi-typescript's path to an operation, from the spec's own keys. */
function operationPath(op: Operation): string {
  return `paths[${str(op.specPath)}][${str(op.method.toLowerCase())}]`;
}

/** `A` equals `B` for `tsc` (each assignable to the other is not enough: `any` would pass). */
const EQUAL = "type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;";

/** One `Equal<generated, path>` assertion per input property, result and error of every operation. */
function assertions(integration: Integration): string[] {
  const lines: string[] = [];
  const check = (generated: string, expected: string) =>
    lines.push(`export const _${lines.length}: Equal<${generated}, ${expected}> = true;`);
  for (const op of integration.operations) {
    const Name = pascalCase(op.name);
    const at = operationPath(op);
    for (const group of ["path", "query", "header"] as const)
      if (op.parameters[group])
        check(`Exclude<m.${Name}Input[${str(group)}], undefined>`, `NonNullable<${at}["parameters"][${str(group)}]>`);
    if (op.body?.kind === "json")
      check(
        `Exclude<m.${Name}Input["body"], undefined>`,
        `NonNullable<${at}["requestBody"]>["content"][${str(op.body.mediaType)}]`,
      );
    const content = (status: string, mediaType: string) =>
      `${at}["responses"][${str(status)}]["content"][${str(mediaType)}]`;
    if (op.responseAs === "json")
      check(
        `m.${Name}Result`,
        op.success.map(({ status, mediaType }) => (mediaType ? content(status, mediaType) : "undefined")).join(" | "),
      );
    const jsonErrors = op.errors.filter(({ mediaType }) => /json/i.test(mediaType) || mediaType === "*/*");
    if (jsonErrors.length > 0 && jsonErrors.length === op.errors.length)
      check(`m.${Name}Error`, jsonErrors.map(({ status, mediaType }) => content(status, mediaType)).join(" | "));
  }
  return lines;
}

async function integrations(dir: string): Promise<Integration[]> {
  const { files, roots } = await findInputs([dir]);
  const { specs } = await checkSpecs(files, { roots, cache: new FileCache(50_000_000) });
  return Promise.all(specs.map(async (spec) => buildIntegration(await prepareSpec(prepareInput(spec)))));
}

describe("payload and parameter types of generated functions", () => {
  const outputs = new Map<string, string>();
  beforeAll(() => {
    SOURCES.fleet = fleet(40, 9, { prefix: "payload-types-fleet" });
  });

  for (const name of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    it(`are exactly openapi-typescript's types for each payload (${name})`, async () => {
      const out = tempDir(`payload-types-${name}`);
      outputs.set(name, out);
      const result = await runHere([SOURCES[name], "--out", out]);
      expect(result.status, result.output).toBe(0);
      // Generated folders by their spec: the first line of each index names it.
      const folders = new Map<string, string>();
      for (const folder of readdirSync(out, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
        const first = readFileSync(join(out, folder.name, "index.ts"), "utf8").split("\n", 1)[0]!;
        folders.set(/from (.*)\. Do not edit\.$/.exec(first)![1]!, folder.name);
      }
      let count = 0;
      for (const integration of await integrations(SOURCES[name])) {
        const folder = [...folders].find(([source]) => source.endsWith(integration.source.replace(/^.*\//, "")))?.[1];
        expect(folder, integration.source).toBeDefined();
        const lines = assertions(integration);
        count += lines.length;
        writeFileSync(
          join(out, folder!, "payload-types.check.ts"),
          [`import type * as m from "./index.js";`, `import type { paths } from "./types.js";`, EQUAL, ...lines].join(
            "\n",
          ),
        );
      }
      expect(count).toBeGreaterThan(name === "fleet" ? 200 : 10);
      expect(typecheck(tsFiles(out), "NodeNext")).toBe("");
    });
  }

  it("name the component schema where the spec refers to one", () => {
    const generated = readFileSync(join(outputs.get("specs")!, "orders-sync-v1-0/index.ts"), "utf8");
    expect(generated).toMatch(/export type GetOrderResult = GetOrderResponseWrapper;/);
    expect(generated).not.toMatch(/NonNullable<\w+\["parameters"\]/);
  });
});
