/**
 * A seeded pseudo-random generator (mulberry32) for the differential and fuzz tests: the same
 * seed gives the same inputs, so a failure replays with `DIRSYNC_FUZZ_SEED=<seed>`.
 */
export interface Prng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function prng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { seed, next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

/** The seed to run with: DIRSYNC_FUZZ_SEED when set (to replay or explore), else the fixed default. */
export function fuzzSeed(fallback: number): number {
  const given = process.env.DIRSYNC_FUZZ_SEED;
  if (given === undefined || given === '') return fallback;
  const seed = Number(given);
  if (!Number.isInteger(seed)) throw new Error(`DIRSYNC_FUZZ_SEED must be an integer, got ${JSON.stringify(given)}`);
  return seed;
}
