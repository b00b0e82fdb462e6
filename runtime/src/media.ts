/** How a payload is represented in JS: parsed JSON, a string (XML, text), form fields, FormData, or a Blob. */
export type MediaKind = "json" | "text" | "form" | "multipart" | "blob";

/**
 * Classifies a media type; parameters such as `; charset=utf-8` are ignored. The generator (types, descriptors),
 * the runtime (bodies) and the sandbox (answers) all use this one classifier.
 */
export function mediaKind(mediaType: string): MediaKind {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json") || type === "*/*" || type === "application/*")
    return "json";
  if (type.startsWith("text/") || type === "application/xml" || type.endsWith("+xml")) return "text";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("multipart/")) return "multipart";
  return "blob";
}
