import { OIC_TIMEOUT } from "../error-codes.js";

/**
 * One attempt's time limit and cancellation: the caller's `signal` and the timeout, remembering which of the
 * two fired so that the error can say "timeout" or "aborted" without looking at what fetch threw.
 *
 * A signal on a request is costly in fetch (undici links it to every internal copy of the request: several
 * microseconds a call). So the request only carries one when it must be cancellable: the caller gave a
 * `signal`, or a `timeoutMs` was chosen (per client or per call). With the default timeout and no signal,
 * the call races a timer instead: it still rejects with `OIC_TIMEOUT` in time, and the abandoned request is
 * left to end on the server side (OIC ends synchronous integrations at 300 s, before the default fires).
 */
export class Deadline {
  readonly #controller: AbortController | undefined;
  readonly #caller: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #watched: Watched | undefined;
  #timedOut = false;
  #onCallerAbort: (() => void) | undefined;
  #expire: ((reason: unknown) => void) | undefined;
  /** Rejects when the timeout fires; only when the request carries no signal (see above). */
  readonly expired: Promise<never> | undefined;

  /**
   * @param timeoutMs Give up after this long; `Infinity` for never.
   * @param cancellable Give the request a signal even without a caller's signal.
   */
  constructor(
    caller: AbortSignal | undefined,
    readonly timeoutMs: number,
    cancellable: boolean,
  ) {
    this.#caller = caller;
    if (caller || cancellable) {
      const controller = (this.#controller = new AbortController());
      if (caller?.aborted) controller.abort(caller.reason);
      else if (caller) {
        this.#onCallerAbort = () => controller.abort(caller.reason);
        caller.addEventListener("abort", this.#onCallerAbort, { once: true });
      }
    } else if (timeoutMs !== Infinity) {
      this.expired = new Promise<never>((_, reject) => (this.#expire = reject));
    }
    if (timeoutMs !== Infinity) {
      const fire = () => {
        this.#timedOut = true;
        const reason = new DOMException(`no answer within ${timeoutMs} ms (${OIC_TIMEOUT})`, "TimeoutError");
        if (this.#controller) this.#controller.abort(reason);
        else this.#expire!(reason);
      };
      // A chosen timeout fires on time; the default one (minutes long) is checked by the shared watchdog
      // once a second, which spares every call a timer of its own.
      if (this.#controller) this.#timer = setTimeout(fire, timeoutMs);
      else this.#watched = watchdog.watch(timeoutMs, fire);
    }
  }

  /** The signal to give fetch, when the request is cancellable. */
  get signal(): AbortSignal | undefined {
    return this.#controller?.signal;
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
    if (this.#watched) watchdog.forget(this.#watched);
    this.#watched = undefined;
    if (!keepCallerLink && this.#onCallerAbort) this.#caller!.removeEventListener("abort", this.#onCallerAbort);
  }
}

interface Watched {
  readonly at: number;
  readonly fire: () => void;
}

/**
 * One interval for every call that runs under the default timeout (310 s): each second it fires the calls
 * whose time is up. It stops a second after the last such call, and never keeps the process alive.
 */
class Watchdog {
  readonly #watched = new Set<Watched>();
  #interval: ReturnType<typeof setInterval> | undefined;

  watch(timeoutMs: number, fire: () => void): Watched {
    const entry = { at: Date.now() + timeoutMs, fire };
    this.#watched.add(entry);
    if (this.#interval === undefined) {
      this.#interval = setInterval(() => this.#sweep(), 1_000);
      (this.#interval as { unref?: () => void }).unref?.();
    }
    return entry;
  }

  forget(entry: Watched): void {
    // The interval is stopped by the next sweep that finds nothing to watch, not here: calls one after the
    // other would otherwise start and stop it every time.
    this.#watched.delete(entry);
  }

  #sweep(): void {
    if (this.#watched.size === 0) {
      clearInterval(this.#interval);
      this.#interval = undefined;
      return;
    }
    const now = Date.now();
    for (const entry of this.#watched) {
      if (entry.at > now) continue;
      this.forget(entry);
      entry.fire();
    }
  }
}

const watchdog = new Watchdog();
