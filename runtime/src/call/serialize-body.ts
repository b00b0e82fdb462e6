import { mediaKind } from "../media.js";

/**
 * Bodies go out in their natural JS form: FormData, URLSearchParams, Blob, byte arrays and ReadableStreams as
 * they are; for JSON media types every other value is JSON (a string too); form media types take a record of
 * fields; text and XML take a string.
 */
export function serializeBody(body: unknown, mediaType: string | undefined): BodyInit {
  if (
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof ReadableStream !== "undefined" && body instanceof ReadableStream)
  ) {
    return body as BodyInit;
  }
  const kind = mediaType ? mediaKind(mediaType) : "json";
  if (kind === "form") return new URLSearchParams(body as Record<string, string>).toString();
  if (kind === "json" || typeof body !== "string") return JSON.stringify(body);
  return body;
}
