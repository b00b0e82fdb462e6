import type { OicClient } from "../client.js";
import { OicHttpError } from "../http-error.js";
import { callFailure, type CallContext } from "./call-failure.js";
import { Deadline } from "./deadline.js";
import { serializeBody } from "./serialize-body.js";

/** How a success body is read into a JS value. */
export type ResponseKind = "json" | "text" | "blob" | "none";

/**
 * What the generator knows about one operation, emitted as a constant next to the function that uses it.
 * Plain data: nothing here is evaluated as code.
 */
export interface OperationDescriptor {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
  /** Path from the instance root, with `{name}` placeholders, e.g. `/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{id}`. */
  readonly path: string;
  /** Media type of the request body, when the operation takes one. */
  readonly requestType?: string;
  /** Media type asked for with `Accept`, when the operation declares one. */
  readonly accept?: string;
  /** How the success body is read: JSON, text (XML, plain text), Blob (binary) or nothing (202/204). */
  readonly responseAs: ResponseKind;
}

/** Per-call options every generated function accepts. */
export interface CallOptions {
  /** Aborts the request (and any token renewal it waits for): the call rejects with `OIC_ABORTED`. */
  signal?: AbortSignal;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
  /** Give up on this call after this long (ms; `Infinity` for never): `OIC_TIMEOUT`. Default: the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** The parameters and body a generated function passes through. */
export interface OperationInput extends CallOptions {
  path?: object;
  query?: object;
  header?: object;
  body?: unknown;
}

/**
 * Sends one operation through the client and returns the success body. Every failure is an `OicError`:
 * `OIC_HTTP_ERROR` ({@link OicHttpError}) for a non-2xx answer, `OIC_UNREACHABLE`, `OIC_TIMEOUT`,
 * `OIC_ABORTED` or `OIC_INVALID_RESPONSE` when no usable answer came back. Generated functions call this;
 * apps call the generated functions.
 */
export async function invoke<TResult>(client: OicClient, operation: OperationDescriptor, input: OperationInput = {}): Promise<TResult> {
  const headers: Record<string, string> = { ...input.headers };
  if (operation.accept && !hasHeader(headers, "accept")) headers.Accept = operation.accept;
  const hasBody = input.body !== undefined;
  if (hasBody && operation.requestType && !operation.requestType.startsWith("multipart/")) headers["Content-Type"] = operation.requestType;
  const deadline = new Deadline(input.signal, input.timeoutMs ?? client.settings.timeoutMs);
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await client.http.request(operation.method.toLowerCase(), operation.path, {
      params: { path: input.path as never, query: input.query as never, header: input.header as never },
      body: hasBody ? (input.body as never) : undefined,
      bodySerializer: (body: unknown) => serializeBody(body, operation.requestType),
      parseAs: operation.responseAs === "none" ? "stream" : operation.responseAs,
      headers,
      signal: deadline.signal,
    });
  } catch (error) {
    throw callFailure(error, context(client, operation), deadline);
  } finally {
    deadline.settle();
  }
  const { data, error, response } = result;
  if (!response.ok) throw new OicHttpError({ method: operation.method, path: operation.path, instanceUrl: client.instanceUrl, response, body: error, scope: client.auth?.scope });
  if (operation.responseAs === "none") {
    await (data as ReadableStream | undefined)?.cancel();
    return undefined as TResult;
  }
  return data as TResult;
}

function context(client: OicClient, operation: OperationDescriptor): CallContext {
  return { method: operation.method, path: operation.path, host: new URL(client.instanceUrl).host };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
