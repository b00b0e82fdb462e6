/**
 * Where a schema holds other schemas, as the generator reads them (check, repair and type-cycle walks share
 * these lists): maps of named schemas, lists of schemas, and single sub-schemas.
 */
export const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions"] as const;
export const SCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"] as const;
export const SCHEMA_SINGLES = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
] as const;
