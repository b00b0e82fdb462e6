/**
 * Faults in OIC's shape (`type`, `title`, `detail`, `errorCode`, `errorDetails[]`), as a failed REST trigger
 * answers on a real instance, and the faults a request can ask for with the `X-Oic-Sandbox-Fault` header so
 * teams can rehearse their error handling:
 *
 * | header value | answer |
 * | --- | --- |
 * | `500-backend-404` | 500 whose `errorDetails[0].title` wraps the backend's 404 (OIC's UnMappedFault) |
 * | `500` | 500 Internal Server Error |
 * | `400` | 400 Bad Request, as an integration's fault return |
 * | `403` | 403, as for a user without the ServiceInvoker role |
 * | `429` | 429 with `Retry-After: 1`, as when the message packs' concurrency is exceeded |
 * | `504` | the synchronous timeout's answer, at once |
 * | `delay=<ms>` | the normal answer after `ms` (the synchronous timeout still applies) |
 *
 * Several may be given, comma-separated (`delay=200,500`: wait, then fail).
 */
export const FAULT_HEADER = "x-oic-sandbox-fault";

export interface OicFaultBody {
  type: string;
  title: string;
  detail: string;
  errorCode: string;
  errorDetails: { type: string; instance: string; title: string; errorPath: string; errorCode: string }[];
}

export interface FaultAnswer {
  status: number;
  body: OicFaultBody;
  headers?: Record<string, string>;
}

const RFC2616 = "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html";

/** OIC's fault body for a status, with an optional inner detail (where a backend's own answer hides). */
export function oicFault(
  status: number,
  title: string,
  detail: string,
  inner?: { type: string; title: string },
): OicFaultBody {
  const section: Record<number, string> = {
    400: "#sec10.4.1",
    401: "#sec10.4.2",
    403: "#sec10.4.4",
    404: "#sec10.4.5",
    429: "",
    500: "#sec10.5.1",
    504: "#sec10.5.5",
  };
  return {
    type: status === 429 ? "https://www.rfc-editor.org/rfc/rfc6585#section-4" : `${RFC2616}${section[status] ?? ""}`,
    title,
    detail,
    errorCode: String(status),
    errorDetails: inner
      ? [{ type: inner.type, instance: "NA", title: inner.title, errorPath: "NA", errorCode: "NA" }]
      : [],
  };
}

export function forbidden(detail: string): FaultAnswer {
  return { status: 403, body: oicFault(403, "Forbidden", detail) };
}

export function throttled(limit: number): FaultAnswer {
  return {
    status: 429,
    headers: { "Retry-After": "1" },
    body: oicFault(
      429,
      "Too Many Requests",
      `More than ${limit} synchronous requests are running on this instance; try again later.`,
    ),
  };
}

export function syncTimeout(timeoutMs: number): FaultAnswer {
  return {
    status: 504,
    body: oicFault(
      504,
      "Gateway Timeout",
      `The synchronous integration did not complete within ${timeoutMs / 1000} s and was timed out.`,
    ),
  };
}

/** What the fault header asks for: a delay and/or a fault; unknown values are refused with 400 (a typo must show). */
export type FaultRequest = { delayMs: number; fault?: FaultAnswer; invalid?: string };

export function readFaultHeader(value: string | string[] | undefined, syncTimeoutMs: number): FaultRequest {
  const request: FaultRequest = { delayMs: 0 };
  if (value === undefined) return request;
  for (const part of (Array.isArray(value) ? value.join(",") : value)
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const delay = /^delay=(\d{1,7})$/.exec(part);
    if (delay) request.delayMs += Number(delay[1]);
    else if (FAULTS[part]) request.fault = FAULTS[part](syncTimeoutMs);
    else request.invalid = part;
  }
  return request;
}

const FAULTS: Record<string, (syncTimeoutMs: number) => FaultAnswer> = {
  "500-backend-404": () => ({
    status: 500,
    body: oicFault(500, "Internal Server Error", "Internal server error. Please contact oracle support for details.", {
      type: "UnMappedFault:execute",
      title:
        "Fault Details : <nstrgdfl:APIInvocationError><nstrgdfl:type>HTTP</nstrgdfl:type><nstrgdfl:title>Not Found</nstrgdfl:title><nstrgdfl:detail>404 Not Found: the backend has no such resource</nstrgdfl:detail><nstrgdfl:errorCode>404</nstrgdfl:errorCode></nstrgdfl:APIInvocationError>",
    }),
  }),
  "500": () => ({
    status: 500,
    body: oicFault(500, "Internal Server Error", "Internal server error. Please contact oracle support for details."),
  }),
  "400": () => ({
    status: 400,
    body: oicFault(400, "Bad Request", "The request is not valid for this integration.", {
      type: "ServerFault:execute",
      title: "orderId must be a positive number",
    }),
  }),
  "403": () => forbidden("The user does not have the ServiceInvoker role (or higher) on this instance."),
  "429": () => throttled(100),
  "504": (syncTimeoutMs) => syncTimeout(syncTimeoutMs),
};
