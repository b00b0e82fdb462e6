import type { OicErrorCode } from "../error-codes.js";

/**
 * What the `onAttempt` hook sees after each attempt of a call: enough for logs, metrics and tracing, never a
 * token, header or parameter value.
 */
export interface AttemptEvent {
  /** The operation as method and path template, e.g. `GET /ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{id}`. */
  readonly operation: string;
  /** 1 for the first attempt, 2 for the first retry... */
  readonly attempt: number;
  /** The HTTP status, when an answer came. */
  readonly status?: number;
  /** From sending to the answer being read (or failing), in ms. */
  readonly durationMs: number;
  /** Why the attempt failed, when it did: `OIC_HTTP_ERROR` for non-2xx, else the code of the error. */
  readonly error?: OicErrorCode;
  /** Set when another attempt follows: how long the runtime waits before it (ms). */
  readonly retryInMs?: number;
}

/** Called after every attempt. Errors it throws are ignored: observing must not change the call. */
export type AttemptHook = (event: AttemptEvent) => void;
