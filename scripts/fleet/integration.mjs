import { HOSTILE_OPERATION_IDS, HOSTILE_PROPERTY_NAMES, HOSTILE_TEXTS } from "./hostile.mjs";
import { OIC_FAULT_SCHEMA, sampleSchema } from "./sample-schema.mjs";
import { ACTIONS, BUSINESS_OBJECTS, PROJECTS, SUB_RESOURCES } from "./vocabulary.mjs";

/**
 * @typedef {object} FleetOperation
 * @property {"get" | "post" | "put" | "patch" | "delete"} method
 * @property {string} path relative to the trigger's base path, e.g. `/orders/{orderId}/lines`
 * @property {string | undefined} operationId missing on some operations, as in OIC output
 * @property {string} summary
 * @property {string | undefined} description
 * @property {string} media the request and response media type
 * @property {{ name: string, type: "string" | "integer" | "boolean", required: boolean }[]} query
 * @property {boolean} correlationHeader an `X-Correlation-Id` header parameter
 * @property {Record<string, unknown> | undefined} request the request body schema (none for GET and DELETE)
 * @property {"object" | "array" | "none" | "default-only"} response one-way triggers answer 202 with no body
 * @property {Record<string, unknown>} responseSchema
 * @property {boolean} faults typed 400 and 500 fault responses
 *
 * @typedef {object} FleetIntegration
 * @property {string} code e.g. `ORDER_SYNC_007`
 * @property {string} version the integration version, e.g. `02.00.0013`
 * @property {string} basePath `/ic/api/integration/v1/flows/rest/CODE/2.0`, the gen3 project form, or gen1
 * @property {string} title
 * @property {string} description
 * @property {FleetOperation[]} operations
 */

/**
 * One integration's trigger, independent of the document format it is written in.
 *
 * @param {import("./random.mjs").Random} random
 * @param {number} index 1-based position in the fleet; part of the code, so codes never repeat
 * @param {{ hostile: boolean }} options
 * @returns {FleetIntegration}
 */
export function describeIntegration(random, index, { hostile }) {
  const object = random.pick(BUSINESS_OBJECTS);
  const code = `${object.toUpperCase()}_${random.pick(ACTIONS).toUpperCase()}_${String(index).padStart(3, "0")}`;
  const major = random.int(1, 3);
  const version = `${String(major).padStart(2, "0")}.00.${String(random.int(0, 50)).padStart(4, "0")}`;
  const generation = random.next();
  // OIC serves version 02.00.0013 at /2.0; gen1 at /v01 whatever the version.
  const basePath =
    generation < 0.3
      ? `/ic/api/integration/v2/flows/rest/project/${random.pick(PROJECTS)}/${code}/${major}.0`
      : generation < 0.35
        ? `/integration/flowapi/rest/${code}/v01`
        : `/ic/api/integration/v1/flows/rest/${code}/${major}.0`;
  // Hostile fleets cycle through every hostile name and text, so each seed exercises all of them.
  const mustInclude = hostile ? [HOSTILE_PROPERTY_NAMES[index % HOSTILE_PROPERTY_NAMES.length]] : [];
  const hostileTitle = hostile && index % 4 === 1;
  const operations = [];
  const count = random.int(1, 6);
  for (let k = 0; operations.length < count && k < count * 3; k++) {
    const operation = describeOperation(random, object, k, {
      hostile,
      mustInclude: operations.length === 0 ? mustInclude : [],
    });
    // One operation per method and path, as in any OpenAPI document.
    if (!operations.some((other) => other.method === operation.method && other.path === operation.path))
      operations.push(operation);
  }
  return {
    code,
    version,
    basePath,
    title: hostileTitle
      ? HOSTILE_TEXTS[Math.floor(index / 4) % HOSTILE_TEXTS.length]
      : `${code.replaceAll("_", " ").toLowerCase()} integration`,
    description: hostile && random.chance(0.3) ? random.pick(HOSTILE_TEXTS) : `Integration ${code} version ${version}`,
    operations,
  };
}

/** @returns {FleetOperation} */
function describeOperation(random, object, k, { hostile, mustInclude }) {
  const method = random.pick(["get", "get", "post", "post", "put", "patch", "delete"]);
  const path = `/${object}s${random.chance(0.5) ? `/{${object}Id}` : ""}${random.chance(0.3) ? `/${random.pick(SUB_RESOURCES)}` : ""}`;
  const mediaRoll = random.next();
  const media = mediaRoll < 0.1 ? "application/xml" : mediaRoll < 0.15 ? "text/plain" : "application/json";
  let operationId = random.chance(0.2) ? undefined : `${method}${object[0].toUpperCase()}${object.slice(1)}${k}`;
  if (hostile && random.chance(0.3)) operationId = random.pick(HOSTILE_OPERATION_IDS);
  const query = random.chance(0.4) ? ["limit", "offset", "q", "onlyData"].slice(0, random.int(1, 4)) : [];
  const oneWay = method === "post" && random.chance(0.15);
  const responseRoll = random.next();
  return {
    method,
    path,
    operationId,
    summary: `${method.toUpperCase()} ${path}`,
    description: hostile && random.chance(0.3) ? random.pick(HOSTILE_TEXTS) : undefined,
    media,
    query: query.map((name) => ({
      name,
      type: name === "q" ? "string" : name === "onlyData" ? "boolean" : "integer",
      required: false,
    })),
    correlationHeader: random.chance(0.15),
    request: method === "get" || method === "delete" ? undefined : sampleSchema(random, { hostile, mustInclude }),
    response: oneWay ? "none" : responseRoll < 0.06 ? "default-only" : responseRoll < 0.16 ? "array" : "object",
    responseSchema: sampleSchema(random, {
      hostile,
      mustInclude: method === "get" || method === "delete" ? mustInclude : [],
    }),
    faults: media === "application/json" && random.chance(0.3),
  };
}

export { OIC_FAULT_SCHEMA };
