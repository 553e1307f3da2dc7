/**
 * A small deterministic PRNG (mulberry32) returning floats in [0, 1). Every
 * random choice in training and data splitting goes through one of these, so
 * runs are reproducible from their seed; `Math.random` is never used.
 *
 * @example
 * const rnd = seededRandom(42);
 * rnd(); // same value on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher–Yates shuffle driven by `rnd`. */
export function shuffleInPlace<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
