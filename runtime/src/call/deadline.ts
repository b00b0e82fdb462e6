/**
 * One call's abort signal: the caller's `signal` and the call's timeout combined, remembering which of the
 * two fired so that the error can say "timeout" or "aborted" without looking at what fetch threw.
 * A class with a hand-made link (not `AbortSignal.any` + `AbortSignal.timeout`) keeps the hot path to one
 * controller and one timer per call.
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;
  #onCallerAbort: (() => void) | undefined;

  /** @param timeoutMs Abort after this long; `Infinity` for never. */
  constructor(caller: AbortSignal | undefined, readonly timeoutMs: number) {
    this.#caller = caller;
    if (caller) {
      if (caller.aborted) this.#controller.abort(caller.reason);
      else {
        this.#onCallerAbort = () => this.#controller.abort(caller.reason);
        caller.addEventListener("abort", this.#onCallerAbort, { once: true });
      }
    }
    if (timeoutMs !== Infinity) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.#controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
    }
  }

  /** The signal to give fetch: fires on the caller's abort or at the timeout. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True once the timeout fired (and the caller had not aborted before). */
  get timedOut(): boolean {
    return this.#timedOut && !(this.#caller?.aborted ?? false);
  }

  /** True once the caller's own signal fired. */
  get callerAborted(): boolean {
    return this.#caller?.aborted ?? false;
  }

  /** Stops the timer; with `keepCallerLink`, the caller's signal still aborts (a stream being read). */
  settle(keepCallerLink = false): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!keepCallerLink && this.#onCallerAbort) this.#caller!.removeEventListener("abort", this.#onCallerAbort);
  }
}
