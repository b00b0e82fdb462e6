/**
 * What an integration answers: the first declared success status, with a body generated from that
 * response's schema (its example when it has one) in its media type; no body for 202/204 one-way triggers.
 */
import { isObject, own, resolveLocal, type JsonObject, type Operation } from "oic-gen/sandbox-support";
import { mediaKind } from "@oic-gen/runtime/internal";
import { mediaExample, renderXml, sampleValue } from "./sample-data.js";

export interface GeneratedResponse {
  status: number;
  contentType?: string;
  body?: string | Buffer;
}

export function operationResponse(doc: JsonObject, operation: Operation): GeneratedResponse {
  const success = operation.success.find((entry) => entry.mediaType) ?? operation.success[0];
  const status = success ? statusNumber(success.status) : 200;
  if (!success?.mediaType || status === 204 || status === 205 || status === 304) return { status };
  const media = mediaObject(doc, operation, success.status, success.mediaType);
  const schema = isObject(media) ? own(media, "schema") : undefined;
  const value = mediaExample(doc, media)?.value ?? sampleValue(doc, schema, "response");
  const type = success.mediaType.split(";")[0]!.trim();
  const kind = mediaKind(type);
  const contentType = type === "*/*" || type === "application/*" ? "application/json" : type;
  if (kind === "json") return { status, contentType, body: JSON.stringify(value ?? {}) };
  if (/xml/i.test(type))
    return {
      status,
      contentType,
      body: typeof value === "string" && value.trimStart().startsWith("<") ? value : renderXml(doc, schema, value),
    };
  if (kind === "form") return { status, contentType, body: new URLSearchParams(flat(value)).toString() };
  if (kind === "blob")
    return {
      status,
      contentType,
      body: Buffer.from(typeof value === "string" ? value : JSON.stringify(value ?? "sample")),
    };
  return {
    status,
    contentType: type.startsWith("text/") ? `${type}; charset=utf-8` : type,
    body: typeof value === "string" ? value : JSON.stringify(value ?? ""),
  };
}

/** `200` → 200; `2XX` and `default` (Oracle tools' only answer) → 200. */
function statusNumber(status: string): number {
  return /^\d{3}$/.test(status) ? Number(status) : 200;
}

function mediaObject(doc: JsonObject, operation: Operation, status: string, mediaType: string): unknown {
  const paths = own(doc, "paths");
  const item = isObject(paths) ? resolveLocal(doc, own(paths, operation.specPath)) : undefined;
  const op = isObject(item) ? own(item, operation.method.toLowerCase()) : undefined;
  const responses = isObject(op) ? resolveLocal(doc, own(op, "responses")) : undefined;
  const response = isObject(responses) ? resolveLocal(doc, own(responses, status)) : undefined;
  const content = isObject(response) ? own(response, "content") : undefined;
  return isObject(content) ? own(content, mediaType) : undefined;
}

function flat(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (isObject(value))
    for (const key of Object.keys(value))
      result[key] = typeof value[key] === "string" ? (value[key] as string) : JSON.stringify(value[key]);
  return result;
}
