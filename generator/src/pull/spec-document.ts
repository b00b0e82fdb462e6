import { PullFailure } from "./pull-failure.js";

/** A downloaded document that is an OpenAPI 3.x or Swagger 2.0 description, pretty-printed for stable diffs. */
export interface SpecDocument {
  kind: "openapi" | "swagger";
  text: string;
}

/**
 * Reads a downloaded answer as a spec, or refuses it: only a JSON object with `openapi: "3.x.y"` or
 * `swagger: "2.0"`, an `info` object and a `paths` object (OpenAPI 3.1 may have `webhooks` or `components`
 * instead) is written, so an HTML error page, a login page or any other JSON never lands in the specs folder.
 */
export function readSpecDocument(text: string): SpecDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new PullFailure("the answer is not JSON, so not an OpenAPI or Swagger document; nothing was written");
  }
  if (typeof document !== "object" || document === null || Array.isArray(document))
    throw new PullFailure(
      "the answer is not a JSON object, so not an OpenAPI or Swagger document; nothing was written",
    );
  const spec = document as Record<string, unknown>;
  const isObject = (key: string) => typeof spec[key] === "object" && spec[key] !== null && !Array.isArray(spec[key]);
  const kind =
    typeof spec.openapi === "string" && /^3\.\d+\.\d+/.test(spec.openapi)
      ? "openapi"
      : spec.swagger === "2.0"
        ? "swagger"
        : undefined;
  if (!kind)
    throw new PullFailure(
      'the answer has neither openapi: "3.x.y" nor swagger: "2.0", so it is not an OpenAPI or Swagger document; nothing was written',
    );
  if (
    !isObject("info") ||
    !(isObject("paths") || (kind === "openapi" && (isObject("webhooks") || isObject("components"))))
  ) {
    throw new PullFailure(
      `the answer says ${kind === "openapi" ? `openapi ${String(spec.openapi)}` : "swagger 2.0"} but has no info and paths objects; nothing was written`,
    );
  }
  return { kind, text: `${JSON.stringify(document, null, 2)}\n` };
}
