// A hand-written sample of what openapi-typescript emits for an integration, so that the templates next to it
// type-check on their own. The emitter never copies this file: each integration gets its real types.
export interface paths {
  "/template/{id}": {
    post: {
      parameters: {
        query?: { limit?: number };
        header?: { "x-request-id"?: string };
        path: { id: string };
        cookie?: never;
      };
      requestBody?: { content: { "application/json": { name?: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id?: string; name?: string } } };
        400: { headers: { [name: string]: unknown }; content: { "application/json": { message?: string } } };
      };
    };
  };
}

export interface components {
  schemas: {
    Template: { id?: string; name?: string };
  };
}
