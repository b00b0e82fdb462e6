/**
 * The fault body OIC answers with when a REST trigger fails, and that an integration's "Fault Return" fills
 * with its own values:
 *
 * ```json
 * {"type": "...", "title": "Internal Server Error", "detail": "...", "errorCode": "500",
 *  "errorDetails": [{"type": "UnMappedFault:execute", "instance": "NA", "title": "...", "errorPath": "NA", "errorCode": "NA"}]}
 * ```
 *
 * A backend's real status (say 404) is often only in `errorDetails[].title`, behind an outer 500.
 */
export interface OicFault {
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  /** OIC's error code, a string (`"500"`, or the integration's own). */
  readonly errorCode?: string;
  /** Adapter faults say what to do here. */
  readonly remedialAction?: string;
  /** The faults behind this one, innermost detail (often the backend's answer) in `title`. */
  readonly errorDetails: readonly OicFaultDetail[];
}

/** One entry of {@link OicFault.errorDetails}. */
export interface OicFaultDetail {
  readonly type?: string;
  readonly instance?: string;
  readonly title?: string;
  readonly errorPath?: string;
  readonly errorCode?: string;
}

/**
 * Reads an error body as an {@link OicFault} when it has OIC's shape: a `title` or `detail`, plus an
 * `errorCode` or `errorDetails`. Only string fields are kept; anything else reads as `undefined`.
 */
export function parseFault(body: unknown): OicFault | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const details = Array.isArray(record.errorDetails) ? record.errorDetails : undefined;
  const hasText = typeof record.title === "string" || typeof record.detail === "string";
  const hasCode = typeof record.errorCode === "string" || typeof record.errorCode === "number" || details !== undefined;
  if (!hasText || !hasCode) return undefined;
  return {
    ...strings(record, ["type", "title", "detail", "remedialAction"]),
    ...(record.errorCode !== undefined && (typeof record.errorCode === "string" || typeof record.errorCode === "number")
      ? { errorCode: String(record.errorCode) }
      : {}),
    errorDetails: (details ?? [])
      .filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null)
      .map((d) => strings(d, ["type", "instance", "title", "errorPath", "errorCode"])),
  };
}

function strings(record: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string") out[key] = value;
    else if (typeof value === "number") out[key] = String(value);
  }
  return out;
}
