/**
 * The packages as published: what the tarballs hold and declare (publint, Are the Types Wrong?), and, in
 * the second part, a fresh app that installs them and follows the README's "Using oic-gen in your own project".
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pack, ROOT, type Packed } from "./pack.js";

let work: string;
let runtime: Packed;
let generator: Packed;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "oic-gen-packed-"));
  runtime = await pack("runtime", work);
  generator = await pack("generator", work);
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function manifest(workspace: "runtime" | "generator"): Promise<Record<string, any>> {
  return JSON.parse(await readFile(join(ROOT, workspace, "package.json"), "utf8")) as Record<string, any>;
}

describe("what the tarballs hold", () => {
  it.each(["runtime", "generator"] as const)("%s: README, LICENSE, repository, exports with ./package.json, files, engines", async (workspace) => {
    const packed = workspace === "runtime" ? runtime : generator;
    const json = await manifest(workspace);
    expect(packed.files).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json"]));
    expect(json.license).toBe("MIT");
    expect(json.repository).toMatchObject({ type: "git", directory: workspace });
    expect(json.exports["./package.json"]).toBe("./package.json");
    expect(Array.isArray(json.files)).toBe(true);
    expect(json.engines.node).toMatch(/20\.19/);
  });

  it("runtime: ships its sources, and every map points at a file in the tarball", async () => {
    const { execFileSync } = await import("node:child_process");
    const maps = runtime.files.filter((file) => file.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(10);
    for (const map of maps) {
      const text = execFileSync("tar", ["-xzOf", runtime.tarball, `package/${map}`], { encoding: "utf8" });
      for (const source of (JSON.parse(text) as { sources: string[] }).sources) {
        expect(runtime.files, `${map} → ${source}`).toContain(join(map, "..", source));
      }
    }
  });

  it("generator: JavaScript only, no maps pointing at sources it does not ship, no declarations", () => {
    expect(generator.files.filter((file) => file.endsWith(".map") || file.endsWith(".d.ts") || file.startsWith("src/"))).toEqual([]);
    expect(generator.files).toEqual(expect.arrayContaining(["bin/oic-gen.js", "dist/cli.js", "templates/index.ts", "assets/idcs-openid-configuration.json"]));
  });

  it("generator: the runtime is a peer dependency with a range the runtime's version satisfies, not a dependency", async () => {
    const json = await manifest("generator");
    const runtimeVersion = (await manifest("runtime")).version as string;
    expect(json.dependencies["@oic-gen/runtime"]).toBeUndefined();
    expect(json.peerDependencies["@oic-gen/runtime"]).toBe(`^${runtimeVersion}`);
  });

  it.each(["runtime", "generator"] as const)("%s: publint finds nothing, not even a suggestion", async (workspace) => {
    const packed = workspace === "runtime" ? runtime : generator;
    const tarball = await readFile(packed.tarball);
    const { messages } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer }, level: "suggestion", strict: true });
    expect(messages).toEqual([]);
  });

  it.each(["runtime", "generator"] as const)("%s: Are the Types Wrong? finds no problem for an ESM-only package", async (workspace) => {
    const packed = workspace === "runtime" ? runtime : generator;
    // esm-only: the packages are ES modules on purpose (Node 20.19+ can still require() them), so the
    // CommonJS and node10 resolutions are not checked. The CLI exits non-zero on any other problem.
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js"), packed.tarball, "--profile", "esm-only", "--format", "json"], { maxBuffer: 64 * 1024 * 1024 });
    // The JSON lists problems of every resolution; none may concern ESM importers or bundlers.
    const report = JSON.parse(stdout) as { problems: Record<string, { resolutionKind?: string }[]> };
    const esmProblems = Object.values(report.problems).flat().filter((problem) => problem.resolutionKind !== "node10" && problem.resolutionKind !== "node16-cjs");
    expect(esmProblems).toEqual([]);
  }, 60_000);
});
