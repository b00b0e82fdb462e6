/**
 * A small seeded pseudo-random source (mulberry32), so a fleet is the same bytes for the same seed on every
 * machine and Node version; `Math.random` cannot be seeded.
 *
 * @param {number} seed any integer; 0 is allowed
 */
export function seededRandom(seed) {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  /** A float in [0, 1). */
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    /** True with probability `p`. */
    chance: (p) => next() < p,
    /** An integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** One element of a non-empty list. */
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** @typedef {ReturnType<typeof seededRandom>} Random */
