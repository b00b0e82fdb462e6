import { OIC_ABORTED } from "../error-codes.js";
import { OicError } from "../errors.js";

/**
 * Time as the retry logic sees it. The default is the real clock; tests and simulations inject one that
 * advances instantly, so that a `Retry-After: 30` costs no real time.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with `OIC_ABORTED` when `signal` fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1) for jitter. */
  random(): number;
}

/** The real clock: `Date.now`, `setTimeout`, `Math.random`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new OicError(OIC_ABORTED, "the call was aborted while waiting to retry"));
      const onAbort = () => {
        clearTimeout(timer);
        reject(new OicError(OIC_ABORTED, "the call was aborted while waiting to retry"));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
