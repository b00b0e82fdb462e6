import { HOSTILE_PROPERTY_NAMES, HOSTILE_TEXTS } from "./hostile.mjs";
import { FIELDS } from "./vocabulary.mjs";

/**
 * A schema as OIC derives it from a JSON sample: objects of scalars, nested objects and arrays of objects,
 * no `required` list and no nullability (a sample says nothing about either).
 *
 * @param {import("./random.mjs").Random} random
 * @param {{ hostile: boolean, mustInclude?: string[], depth?: number }} options `mustInclude` names are added
 *   first, so a hostile fleet is sure to contain each hostile name somewhere.
 * @returns {Record<string, unknown>}
 */
export function sampleSchema(random, { hostile, mustInclude = [], depth = 0 }) {
  const properties = {};
  const names = [...mustInclude];
  const count = random.int(2, depth === 0 ? 12 : 5);
  for (let i = 0; i < count; i++) {
    const field = random.pick(FIELDS);
    names.push(hostile && random.chance(0.12) ? random.pick(HOSTILE_PROPERTY_NAMES) : i < 4 ? field : `${field}${i}`);
  }
  for (const name of names) {
    const schema = propertySchema(random, { hostile, depth });
    if (hostile && random.chance(0.12)) schema.description = random.pick(HOSTILE_TEXTS);
    // defineProperty: assigning "__proto__" would replace the prototype instead of adding a key.
    Object.defineProperty(properties, name, { value: schema, enumerable: true, writable: true, configurable: true });
  }
  return { type: "object", properties };
}

/** @returns {Record<string, unknown>} */
function propertySchema(random, { hostile, depth }) {
  const roll = random.next();
  if (depth < 2 && roll < 0.12) return sampleSchema(random, { hostile, depth: depth + 1 });
  if (depth < 2 && roll < 0.22) return { type: "array", items: sampleSchema(random, { hostile, depth: depth + 1 }) };
  if (roll < 0.3) return { type: "array", items: { type: "string" } };
  if (roll < 0.42) return { type: "number" };
  if (roll < 0.48) return { type: "integer" };
  if (roll < 0.54) return { type: "boolean" };
  if (roll < 0.6) return { type: "string", format: "date-time" };
  return hostile && random.chance(0.1) ? { type: "string", example: random.pick(HOSTILE_TEXTS) } : { type: "string" };
}

/** The fault body OIC answers a failed trigger with (`errorDetails` as OIC nests them). */
export const OIC_FAULT_SCHEMA = {
  type: "object",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    detail: { type: "string" },
    errorCode: { type: "string" },
    errorDetails: {
      type: "array",
      items: {
        type: "object",
        properties: {
          type: { type: "string" },
          instance: { type: "string" },
          title: { type: "string" },
          errorPath: { type: "string" },
          errorCode: { type: "string" },
        },
      },
    },
  },
};
