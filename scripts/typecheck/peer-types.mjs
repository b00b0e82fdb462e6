import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";

/**
 * OpenAPI 3 JSON copies of `files` in `dir`, one per spec (openapi-typescript does not read Swagger 2.0, so
 * those are converted with swagger2openapi, as the generator does). Callers do not time this.
 *
 * @param {{ root: string, files: string[], dir: string }} options
 */
export async function writeOas3Copies({ root, files, dir }) {
  const require = createRequire(join(root, "generator/package.json"));
  const s2o = require("swagger2openapi");
  const YAML = require("yaml");
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    let doc = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
    if (doc.swagger) doc = (await s2o.convertObj(doc, { patch: true, warnOnly: true, resolve: false, text })).openapi;
    writeFileSync(join(dir, basename(file).replace(/\.(ya?ml|json)$/, ".json")), JSON.stringify(doc));
  }
}

/**
 * openapi-typescript's types-only output for the same specs, made the way `npm run bench` makes it: OpenAPI 3
 * JSON copies first, then bench/peer-types.mjs, one file per spec.
 *
 * @param {{ root: string, files: string[], work: string, out: string }} options
 */
export async function writePeerTypes({ root, files, work, out }) {
  const oas3 = join(work, "peer-oas3");
  rmSync(oas3, { recursive: true, force: true });
  await writeOas3Copies({ root, files, dir: oas3 });
  rmSync(out, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [join(root, "bench/peer-types.mjs"), oas3, out], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`bench/peer-types.mjs failed:\n${result.stdout}${result.stderr}`);
}
