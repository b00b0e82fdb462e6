/**
 * A clock whose time moves only when a test says so: token lifetimes, due dates and back-offs are decided
 * by `advance`, not by waiting. Starts at the real time, so tokens a real identity domain issues (and a
 * real server verifies) are still valid when the session thinks an hour has passed.
 */
export interface ManualClock {
  now(): number;
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!(ms >= 0)) throw new Error(`a clock does not go back (${ms} ms)`);
      now += ms;
    },
  };
}
