import type { OicClient } from "./client.js";
import { OicHttpError } from "./errors.js";
import { mediaKind } from "./media.js";

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
  /** Aborts the request (and any token renewal it waits for). */
  signal?: AbortSignal;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

/** The parameters and body a generated function passes through. */
export interface OperationInput extends CallOptions {
  path?: object;
  query?: object;
  header?: object;
  body?: unknown;
}

/**
 * Sends one operation through the client and returns the success body; any non-2xx answer throws
 * {@link OicHttpError}. Generated functions call this; apps call the generated functions.
 */
export async function invoke<TResult>(client: OicClient, operation: OperationDescriptor, input: OperationInput = {}): Promise<TResult> {
  const headers: Record<string, string> = { ...input.headers };
  if (operation.accept && !hasHeader(headers, "accept")) headers.Accept = operation.accept;
  const hasBody = input.body !== undefined;
  if (hasBody && operation.requestType && !operation.requestType.startsWith("multipart/")) headers["Content-Type"] = operation.requestType;
  const { data, error, response } = await client.http.request(operation.method.toLowerCase(), operation.path, {
    params: { path: input.path as never, query: input.query as never, header: input.header as never },
    body: hasBody ? (input.body as never) : undefined,
    bodySerializer: (body: unknown) => serializeBody(body, operation.requestType),
    parseAs: operation.responseAs === "none" ? "stream" : operation.responseAs,
    headers,
    signal: input.signal,
  });
  if (!response.ok) throw new OicHttpError(operation.method, response.url || operation.path, response, error);
  if (operation.responseAs === "none") {
    await (data as ReadableStream | undefined)?.cancel();
    return undefined as TResult;
  }
  return data as TResult;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * Bodies go out in their natural JS form: FormData, URLSearchParams, Blob and byte arrays as they are; for JSON
 * media types every other value is JSON (a string too); form media types take a record of fields; text and XML
 * take a string.
 */
export function serializeBody(body: unknown, mediaType: string | undefined): BodyInit {
  if (body instanceof FormData || body instanceof URLSearchParams || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return body as BodyInit;
  }
  const kind = mediaType ? mediaKind(mediaType) : "json";
  if (kind === "form") return new URLSearchParams(body as Record<string, string>).toString();
  if (kind === "json" || typeof body !== "string") return JSON.stringify(body);
  return body;
}
