import { OIC_INVALID_INPUT } from "../error-codes.js";
import { OicError } from "../errors.js";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * Fills `{name}` placeholders, each value percent-encoded into exactly one path segment (`/` and `?` are
 * encoded). The values `.` and `..` are refused: URLs treat them (and `%2E`, `%2e%2e`...) as "this folder"
 * and "up one", so no encoding can keep them one segment, and `..` would walk the bearer token up the
 * instance's paths. openapi-fetch calls this with the whole URL, base included.
 */
export function fillPathSegments(url: string, values: Record<string, unknown> | undefined): string {
  if (!values) return url;
  return url.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) return whole;
    const text = Array.isArray(value) ? value.map(String).join(",") : String(value);
    if (text === "." || text === "..") {
      throw new OicError(
        OIC_INVALID_INPUT,
        `path parameter ${name} is ${JSON.stringify(text)}, which cannot be sent as one path segment`,
      );
    }
    return Array.isArray(value) ? value.map((v) => encodeURIComponent(String(v))).join(",") : encodeURIComponent(text);
  });
}
