import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

// The default timeout (no signal on the request) is watched by one shared interval instead of a timer per
// call; a chosen timeout keeps its own timer and cancels the request.
describe("call deadlines", () => {
  // The shared interval lives in the module, and outlives a call by a second: a module that another test file
  // in the same worker already used may hold one on the real clock. Each test loads a fresh copy and fakes the
  // clock before any call, so every timer it starts is on the fake clock; afterwards the fake clock runs on
  // until that copy's interval has stopped, so no copy is left holding a dead handle.
  let Deadline: typeof import("../../runtime/src/call/deadline.js").Deadline;
  beforeEach(async () => {
    vi.resetModules();
    ({ Deadline } = await import("../../runtime/src/call/deadline.js"));
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await vi.advanceTimersByTimeAsync(2_000);
    vi.useRealTimers();
  });

  test("a call under the default timeout is given up within a second of its time, with TimeoutError", async () => {
    const deadline = new Deadline(undefined, 2_500, false);
    expect(deadline.signal).toBeUndefined(); // the request carries no signal (cheaper in fetch)
    const outcome = deadline.expired!.then(
      () => "resolved",
      (reason: DOMException) => reason.name,
    );
    await vi.advanceTimersByTimeAsync(2_000);
    expect(deadline.timedOut).toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(deadline.timedOut).toBe(true);
    expect(await outcome).toBe("TimeoutError");
  });

  test("a settled call is never fired, and the shared interval stops once nothing is watched", async () => {
    const deadline = new Deadline(undefined, 1_000, false);
    let fired = false;
    deadline.expired!.catch(() => (fired = true));
    deadline.settle();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fired).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a chosen timeout aborts the request's signal on time", async () => {
    const deadline = new Deadline(undefined, 300, true);
    await vi.advanceTimersByTimeAsync(299);
    expect(deadline.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.signal!.aborted).toBe(true);
    expect(deadline.timedOut).toBe(true);
    deadline.settle();
  });
});
