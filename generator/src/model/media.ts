// The light entry point: the generator needs the classifier, not the runtime's login machinery.
import { mediaKind, type MediaKind } from "@oic-gen/runtime/media";

export { mediaKind };

/** How a success body is read: as its media kind, or nothing (202/204). */
export type ResponseKind = "json" | "text" | "blob" | "none";
export type BodyKind = MediaKind;

const PREFERENCE: MediaKind[] = ["json", "text", "form", "multipart", "blob"];

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
