import { oicScope } from "./auth/scope.js";
import { OIC_HTTP_ERROR } from "./error-codes.js";
import { OicError } from "./errors.js";
import { parseFault, type OicFault } from "./fault.js";
import { redact } from "./redact.js";

/** What {@link OicHttpError} is built from. */
export interface HttpErrorContext {
  /** e.g. `POST` */
  readonly method: string;
  /** The operation's path template (parameter values never reach a message). */
  readonly path: string;
  /** The client's instance URL, for the 401 checklist. */
  readonly instanceUrl: string;
  readonly response: Response;
  /** The parsed error body: JSON when it parses, else text. */
  readonly body: unknown;
  /** The scope the client's login asked for, when the auth says. */
  readonly scope?: string;
}

/**
 * OIC answered with a status outside 2xx. `body` is the parsed error body (JSON when it parses, else text),
 * typed by the generated function's `...Error` type; `fault` is that body read as OIC's fault shape when it
 * has it. The message says what OIC said; for 401 and 403 it adds the server's `WWW-Authenticate` detail and
 * what to check.
 */
export class OicHttpError<TBody = unknown> extends OicError {
  readonly status: number;
  readonly body: TBody;
  /** OIC's fault (`title`, `detail`, `errorCode`, `errorDetails[]`), when the body has that shape. */
  readonly fault: OicFault | undefined;
  readonly response: Response;
  constructor(context: HttpErrorContext) {
    const fault = parseFault(context.body);
    super(OIC_HTTP_ERROR, httpErrorMessage(context, fault));
    this.name = "OicHttpError";
    this.status = context.response.status;
    this.body = context.body as TBody;
    this.fault = fault;
    this.response = context.response;
  }
}

/** True when `error` is an HTTP error from OIC; narrow the body type with the generated `...Error` alias. */
export function isOicHttpError<TBody = unknown>(error: unknown): error is OicHttpError<TBody> {
  return error instanceof OicHttpError;
}

function httpErrorMessage(context: HttpErrorContext, fault: OicFault | undefined): string {
  const { response } = context;
  const lines = [
    `${context.method} ${context.path} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
  ];
  if (fault) lines.push(faultSummary(fault));
  if (response.status === 401) lines.push(...unauthorizedHints(context));
  if (response.status === 403) lines.push(...forbiddenHints(context));
  return lines.join("\n");
}

function faultSummary(fault: OicFault): string {
  const head = [fault.title, fault.detail]
    .filter((part) => part !== undefined && part !== "")
    .map((part) => redact(part!))
    .join(": ");
  const parts = [`OIC says: ${head || "(no title)"}${fault.errorCode ? ` (errorCode ${fault.errorCode})` : ""}`];
  if (fault.remedialAction) parts.push(`  remedial action: ${redact(fault.remedialAction)}`);
  // The inner details are where a backend's own status hides (e.g. a 404 behind OIC's 500).
  for (const detail of fault.errorDetails.slice(0, 3)) {
    const text = [detail.type, detail.title]
      .filter((part) => part !== undefined && part !== "" && part !== "NA")
      .map((part) => redact(part!, 500))
      .join(": ");
    if (text) parts.push(`  detail: ${text}`);
  }
  return parts.join("\n");
}

function challenge(response: Response): string | undefined {
  const value = response.headers.get("www-authenticate");
  return value ? `the instance says: WWW-Authenticate: ${redact(value)}` : undefined;
}

function unauthorizedHints(context: HttpErrorContext): string[] {
  const expected = safeScope(context.instanceUrl);
  const lines = [challenge(context.response) ?? "the instance sent no WWW-Authenticate detail", "Check:"];
  if (expected)
    lines.push(
      `- the token's scope must be this instance's: ${expected} (audience https://<host>:443, then urn:opc:resource:consumer::all, no space)`,
    );
  if (context.scope !== undefined) {
    const names = context.scope.split(" ").includes(expected ?? "\u0000");
    lines.push(
      `- the login asked for "${redact(context.scope)}"${names ? "" : ", which does not name this instance: sign in with oicScope(instanceUrl)"}`,
    );
  }
  lines.push("- the confidential application lists that scope under its resources, and the token has not been revoked");
  return lines;
}

function forbiddenHints(context: HttpErrorContext): string[] {
  const lines = [
    challenge(context.response),
    "Check:",
    "- the signed-in user (or, for client credentials, the application) has the ServiceInvoker role (or higher) on this instance",
  ];
  return lines.filter((line): line is string => line !== undefined);
}

function safeScope(instanceUrl: string): string | undefined {
  try {
    return oicScope(instanceUrl);
  } catch {
    return undefined;
  }
}
