import { OIC_HTTP_ERROR } from "./error-codes.js";
import { OicError } from "./errors.js";

/**
 * OIC answered with a status outside 2xx. `body` is the parsed error body (JSON when it parses, else text),
 * typed by the generated function's `...Error` type.
 */
export class OicHttpError<TBody = unknown> extends OicError {
  readonly status: number;
  readonly body: TBody;
  readonly response: Response;
  constructor(method: string, url: string, response: Response, body: TBody) {
    super(OIC_HTTP_ERROR, `${method} ${stripQuery(url)} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    this.name = "OicHttpError";
    this.status = response.status;
    this.body = body;
    this.response = response;
  }
}

/** Query strings may carry user data; error messages keep only the path. */
function stripQuery(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? url : url.slice(0, at);
}

/** True when `error` is an HTTP error from OIC; narrow the body type with the generated `...Error` alias. */
export function isOicHttpError<TBody = unknown>(error: unknown): error is OicHttpError<TBody> {
  return error instanceof OicHttpError;
}
