/**
 * A small seeded PRNG (mulberry32) so a seed gives the same shuffles and synthetic data on
 * every machine: Math.random cannot be seeded, and 32-bit integer ops are exact everywhere.
 */

/** A source of uniform floats in [0, 1). */
export type Random = () => number;

/** mulberry32: 32 bits of state, passes the usual quick statistical checks. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in `[0, n)`. */
export function randomInt(rand: Random, n: number): number {
  return Math.floor(rand() * n);
}

/** A standard normal sample (Box–Muller). */
export function randomNormal(rand: Random): number {
  const u = 1 - rand(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Fisher–Yates shuffle of `items` in place; returns `items`. */
export function shuffleInPlace<T>(items: T[], rand: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rand, i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
