import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeIntegration } from "./integration.mjs";
import { toOpenApi3 } from "./openapi3.mjs";
import { seededRandom } from "./random.mjs";
import { toSwagger2 } from "./swagger2.mjs";

/**
 * Writes `count` OIC-style REST trigger specs into `out` (created if missing), as OIC serves them: Swagger 2.0
 * (`<CODE>_<version>.swagger.json`) for most, OpenAPI 3.0 (`.openapi.json`) for the rest. The same seed
 * always gives the same bytes. `hostile` mixes in names and texts a generator must escape or rename.
 *
 * @param {{ out: string, count?: number, seed?: number, hostile?: boolean }} options
 * @returns {{ integrations: number, operations: number, files: string[] }}
 */
export function writeFleet({ out, count = 200, seed = 1, hostile = false }) {
  const random = seededRandom(seed);
  mkdirSync(out, { recursive: true });
  const files = [];
  let operations = 0;
  for (let index = 1; index <= count; index++) {
    const integration = describeIntegration(random, index, { hostile });
    operations += integration.operations.length;
    const openapi = random.chance(0.4);
    const file = join(out, `${integration.code}_${integration.version}.${openapi ? "openapi" : "swagger"}.json`);
    writeFileSync(file, `${JSON.stringify(openapi ? toOpenApi3(integration) : toSwagger2(integration), null, 2)}\n`);
    files.push(file);
  }
  return { integrations: count, operations, files };
}
