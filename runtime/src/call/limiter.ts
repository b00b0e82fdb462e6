import { OIC_ABORTED } from "../error-codes.js";
import { OicError } from "../errors.js";

/**
 * At most `max` calls in flight per client; the rest wait in order. OIC runs 100 synchronous requests per
 * message pack at once and throttles beyond, so an app can keep itself below that instead of collecting 429s.
 */
export class Limiter {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  /** Calls currently holding a slot. */
  get active(): number {
    return this.#active;
  }

  /** Resolves once a slot is free; rejects with `OIC_ABORTED` when `signal` fires while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#active < this.max) {
      this.#active += 1;
      return Promise.resolve();
    }
    if (signal?.aborted) return Promise.reject(new OicError(OIC_ABORTED, "the call was aborted while queued"));
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.#active += 1;
        resolve();
      };
      const onAbort = () => {
        const at = this.#waiting.indexOf(grant);
        if (at !== -1) this.#waiting.splice(at, 1);
        reject(new OicError(OIC_ABORTED, "the call was aborted while queued"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  release(): void {
    this.#active -= 1;
    this.#waiting.shift()?.();
  }
}
