import { OIC_FAULT_SCHEMA } from "./sample-schema.mjs";

const HOST = "myinstance-abcdefghijkl-bo.integration.us-ashburn-1.ocp.oraclecloud.com";
const DOMAIN = "https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com";

/**
 * The integration as OIC serves it at `.../metadata/swagger`: `host` and `basePath` carry the trigger URL,
 * bodies refer to `<operation>-request-wrapper` / `-response-wrapper` definitions.
 *
 * @param {import("./integration.mjs").FleetIntegration} integration
 */
export function toSwagger2(integration) {
  const paths = {};
  const definitions = {};
  integration.operations.forEach((operation, k) => {
    const stem = operation.operationId ?? `operation${k}`;
    const parameters = [];
    for (const match of operation.path.matchAll(/\{(\w+)\}/g))
      parameters.push({ name: match[1], in: "path", required: true, type: "string" });
    for (const query of operation.query)
      parameters.push({ name: query.name, in: "query", required: query.required, type: query.type });
    if (operation.correlationHeader)
      parameters.push({ name: "X-Correlation-Id", in: "header", required: false, type: "string" });
    if (operation.request) {
      definitions[`${stem}-request-wrapper`] = operation.request;
      parameters.push({
        name: "body",
        in: "body",
        required: false,
        schema: { $ref: `#/definitions/${stem}-request-wrapper` },
      });
    }
    definitions[`${stem}-response-wrapper`] = operation.responseSchema;
    const wrapper = { $ref: `#/definitions/${stem}-response-wrapper` };
    const responses =
      operation.response === "none"
        ? { 202: { description: "Accepted" } }
        : operation.response === "default-only"
          ? { default: { description: "Response", schema: wrapper } }
          : {
              200: {
                description: "Successful operation",
                schema: operation.response === "array" ? { type: "array", items: wrapper } : wrapper,
              },
            };
    if (operation.faults) {
      definitions.fault ??= OIC_FAULT_SCHEMA;
      responses[400] = { description: "Bad request", schema: { $ref: "#/definitions/fault" } };
      responses[500] = { description: "Integration fault", schema: { $ref: "#/definitions/fault" } };
    }
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
      summary: operation.summary,
      ...(operation.description === undefined ? {} : { description: operation.description }),
      consumes: [operation.media],
      produces: [operation.media],
      parameters,
      responses,
    };
  });
  return {
    swagger: "2.0",
    info: { title: integration.title, version: integration.version, description: integration.description },
    host: HOST,
    basePath: integration.basePath,
    schemes: ["https"],
    paths,
    definitions,
    securityDefinitions: {
      oauth: {
        type: "oauth2",
        flow: "accessCode",
        authorizationUrl: `${DOMAIN}/oauth2/v1/authorize`,
        tokenUrl: `${DOMAIN}/oauth2/v1/token`,
        scopes: {},
      },
    },
    security: [{ oauth: [] }],
  };
}
