/**
 * Why a request got no answer, read from what `fetch` threw by its type, never by its message text: fetch
 * rejects with a `TypeError` for every network error (Node's undici puts the system error, e.g.
 * `ECONNREFUSED`, in `cause`; browsers give no detail), and with a `DOMException` for aborts and timeouts.
 */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; name?: unknown } } | undefined)?.cause;
  const code = cause?.code ?? (cause?.name !== "Error" ? cause?.name : undefined);
  return typeof code === "string" && code !== "" ? code : "network error";
}

/** True for the `DOMException`s that aborted or timed-out fetches reject with. */
export function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/**
 * Thrown by the identity domain's bounded fetch (see `discovery.ts`) so that the token-error mapping knows,
 * by type, that no answer came back and why.
 */
export class NetworkFailure extends Error {
  /** e.g. `ECONNREFUSED`, or `timed out after 30000 ms`. */
  readonly reason: string;
  constructor(reason: string, cause: unknown) {
    super(`no answer: ${reason}`, { cause });
    this.name = "NetworkFailure";
    this.reason = reason;
  }
}
