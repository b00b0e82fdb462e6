import { OIC_ABORTED, OIC_INVALID_RESPONSE, OIC_TIMEOUT, OIC_UNREACHABLE } from "../error-codes.js";
import { OicError } from "../errors.js";
import { networkCause } from "../network-failure.js";
import type { Deadline } from "./deadline.js";

/** What a failure message names: the operation (method and path template, never parameter values) and the host. */
export interface CallContext {
  readonly method: string;
  readonly path: string;
  readonly host: string;
}

/**
 * Turns whatever a call threw (fetch, the body reader, openapi-fetch, the auth layer) into an {@link OicError}
 * with a stable code. Which signal fired decides between timeout and abort; the error's type decides the rest.
 */
export function callFailure(error: unknown, call: CallContext, deadline: Deadline): OicError {
  const what = `${call.method} ${call.path}`;
  if (deadline.timedOut) {
    return new OicError(
      OIC_TIMEOUT,
      `${what}: no answer from ${call.host} within ${formatMs(deadline.timeoutMs)} (timeoutMs); OIC ends synchronous integrations after 300 s`,
      { cause: error },
    );
  }
  if (deadline.callerAborted) {
    return error instanceof OicError && error.code === OIC_ABORTED
      ? error
      : new OicError(OIC_ABORTED, `${what}: the call was aborted`, { cause: error });
  }
  if (error instanceof OicError) return error;
  if (error instanceof SyntaxError) {
    return new OicError(
      OIC_INVALID_RESPONSE,
      `${what}: the success answer from ${call.host} could not be parsed as its declared type (JSON)`,
      { cause: error },
    );
  }
  const reason =
    error instanceof TypeError ? networkCause(error) : error instanceof Error ? error.name : "unknown failure";
  return new OicError(OIC_UNREACHABLE, `${what}: could not reach the instance at ${call.host} (${reason})`, {
    cause: error,
  });
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
