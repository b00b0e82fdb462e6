/** How a payload is represented in JS: parsed JSON, a string (XML, text), a Blob (binary), or nothing. */
export type ResponseKind = "json" | "text" | "blob" | "none";
export type BodyKind = ResponseKind | "form" | "multipart";

/** Classifies a media type; parameters such as `; charset=utf-8` are ignored. */
export function mediaKind(mediaType: string): Exclude<BodyKind, "none"> {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json") || type === "*/*" || type === "application/*") return "json";
  if (type.startsWith("text/") || type === "application/xml" || type.endsWith("+xml")) return "text";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("multipart/")) return "multipart";
  return "blob";
}

const PREFERENCE: Exclude<BodyKind, "none">[] = ["json", "text", "form", "multipart", "blob"];

/** The media type a generated function uses when an operation offers several: JSON first, then text/XML. */
export function preferredMediaType(mediaTypes: readonly string[]): string | undefined {
  let best: string | undefined;
  let rank = Infinity;
  for (const mediaType of mediaTypes) {
    const at = PREFERENCE.indexOf(mediaKind(mediaType));
    if (at < rank) {
      best = mediaType;
      rank = at;
    }
  }
  return best;
}
