import { OIC_FAULT_SCHEMA } from "./sample-schema.mjs";

const SERVER = "https://myinstance-abcdefghijkl-bo.integration.us-ashburn-1.ocp.oraclecloud.com";
const DOMAIN = "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com";

/**
 * The integration as newer OIC releases serve it at `.../metadata/openapi`: the trigger URL is the server URL,
 * schemas live under `components`.
 *
 * @param {import("./integration.mjs").FleetIntegration} integration
 */
export function toOpenApi3(integration) {
  const paths = {};
  const schemas = {};
  integration.operations.forEach((operation, k) => {
    const stem = operation.operationId ?? `operation${k}`;
    const parameters = [];
    for (const match of operation.path.matchAll(/\{(\w+)\}/g))
      parameters.push({ name: match[1], in: "path", required: true, schema: { type: "string" } });
    for (const query of operation.query)
      parameters.push({ name: query.name, in: "query", required: query.required, schema: { type: query.type } });
    if (operation.correlationHeader)
      parameters.push({ name: "X-Correlation-Id", in: "header", schema: { type: "string" } });
    const body = (schema) => ({ content: { [operation.media]: { schema } } });
    schemas[`${stem}-response-wrapper`] = operation.responseSchema;
    const wrapper = { $ref: `#/components/schemas/${stem}-response-wrapper` };
    const responses =
      operation.response === "none"
        ? { 202: { description: "Accepted" } }
        : operation.response === "default-only"
          ? { default: { description: "Response", ...body(wrapper) } }
          : {
              200: {
                description: "Successful operation",
                ...body(operation.response === "array" ? { type: "array", items: wrapper } : wrapper),
              },
            };
    if (operation.faults) {
      schemas.fault ??= OIC_FAULT_SCHEMA;
      const fault = { content: { "application/json": { schema: { $ref: "#/components/schemas/fault" } } } };
      responses[400] = { description: "Bad request", ...fault };
      responses[500] = { description: "Integration fault", ...fault };
    }
    const entry = {
      ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
      summary: operation.summary,
      ...(operation.description === undefined ? {} : { description: operation.description }),
      parameters,
    };
    if (operation.request) {
      schemas[`${stem}-request-wrapper`] = operation.request;
      entry.requestBody = body({ $ref: `#/components/schemas/${stem}-request-wrapper` });
    }
    entry.responses = responses;
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = entry;
  });
  return {
    openapi: "3.0.1",
    info: { title: integration.title, version: integration.version, description: integration.description },
    servers: [{ url: `${SERVER}${integration.basePath}` }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        oauth: {
          type: "oauth2",
          flows: {
            authorizationCode: {
              authorizationUrl: `${DOMAIN}/oauth2/v1/authorize`,
              tokenUrl: `${DOMAIN}/oauth2/v1/token`,
              scopes: {},
            },
          },
        },
      },
    },
    security: [{ oauth: [] }],
  };
}
