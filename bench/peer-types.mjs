// The peer in `npm run bench`: openapi-typescript's own API producing types only, one file per spec, in one
// process (its API is single-threaded). Inputs are OpenAPI 3 JSON documents (openapi-typescript does not read
// Swagger 2.0, so run.mjs converts those first and does not count that time).
//   node peer-types.mjs <input-dir> <output-dir>
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const [inputDir, outputDir] = process.argv.slice(2);
mkdirSync(outputDir, { recursive: true });
for (const name of readdirSync(inputDir).sort()) {
  const ast = await openapiTS(JSON.parse(readFileSync(join(inputDir, name), "utf8")), { silent: true });
  writeFileSync(join(outputDir, name.replace(/\.json$/, ".ts")), astToString(ast));
}
