import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { RedisStoreError } from "./errors.js";
import { RELEASE_LOCK, RENEW_LOCK } from "./lock-scripts.js";
import type { RedisCommands } from "./redis-commands.js";

/** Timings of a {@link RedisLock}. */
export interface RedisLockOptions {
  /** How long the lock lives without renewal (ms): how soon a crashed holder's lock frees itself. */
  readonly ttlMs: number;
  /** Give up waiting for another holder after this long (ms). */
  readonly timeoutMs: number;
}

/** What the task of {@link RedisLock.run} knows about its hold. */
export interface LockHold {
  /** The random value stored in the lock key while we hold it. */
  readonly value: string;
  /** True once a renewal found the lock gone or someone else's: writes must then be refused. */
  lost: boolean;
}

/**
 * A lock across processes and hosts on one Redis key: `SET key <random> NX PX ttl` to take it, renewed every
 * third of its TTL while the task runs (a slow refresh keeps it), released with a compare-and-delete script so
 * that only its holder can release it. A holder that crashed stops renewing, and its lock expires after `ttlMs`.
 */
export class RedisLock {
  readonly #redis: RedisCommands;
  readonly #key: string;
  readonly #options: RedisLockOptions;

  constructor(redis: RedisCommands, key: string, options: RedisLockOptions) {
    if (!(options.ttlMs >= 100)) throw new RedisStoreError("failed", "lockTtlMs must be at least 100 ms");
    if (!(options.timeoutMs > 0))
      throw new RedisStoreError("failed", "lockTimeoutMs must be a positive number of milliseconds");
    this.#redis = redis;
    this.#key = key;
    this.#options = options;
  }

  get key(): string {
    return this.#key;
  }

  /** Runs `task` holding the lock; releases it however `task` ends. */
  async run<T>(task: (hold: LockHold) => Promise<T>): Promise<T> {
    const hold: LockHold = { value: randomBytes(16).toString("base64url"), lost: false };
    await this.#acquire(hold.value);
    const renewal = this.#keepRenewing(hold);
    try {
      return await task(hold);
    } finally {
      renewal.stop();
      // A release that fails (Redis down) is harmless: the lock expires after its TTL.
      await this.#redis.eval(RELEASE_LOCK, [this.#key], [hold.value], "the lock release").catch(() => undefined);
    }
  }

  async #acquire(value: string): Promise<void> {
    const { ttlMs, timeoutMs } = this.#options;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const taken = await this.#redis.send<string | null>(
        ["SET", this.#key, value, "NX", "PX", String(ttlMs)],
        "the lock acquisition",
      );
      if (taken === "OK") return;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new RedisStoreError(
          "lock-timeout",
          `timed out after ${timeoutMs} ms waiting for the token store lock (another replica is renewing)`,
        );
      // Short, jittered polls first (a refresh takes tens of ms), backing off to 200 ms; never past the deadline.
      await sleep(Math.min(left, Math.min(200, 10 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random())));
    }
  }

  #keepRenewing(hold: LockHold): { stop(): void } {
    const { ttlMs } = this.#options;
    const timer = setInterval(
      () => {
        this.#redis
          .eval<number>(RENEW_LOCK, [this.#key], [hold.value, String(ttlMs)], "the lock renewal")
          .then((renewed) => {
            if (renewed !== 1) hold.lost = true;
          })
          // Unreachable for a moment: the next renewal may succeed; the save script checks the lock anyway.
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(ttlMs / 3)),
    );
    // Renewal must not keep a process alive that has nothing else to do.
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
}
