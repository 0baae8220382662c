import type { SplitName } from './types.js';

/**
 * FNV-1a over UTF-16 code units, then murmur3's finaliser so the low digits (used for
 * percentages) are well mixed. Deterministic on every machine, unlike a seeded shuffle it
 * keeps an item's split when other items are added or removed.
 */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fractions of the data that go to valid and test (train gets the rest). */
export interface SplitFractions {
  valid: number;
  test: number;
}

/**
 * The split of `key` by its hash: bucket `hash % 1000` below `1000·train` is train, the
 * next `1000·valid` valid, the rest test.
 */
export function splitByHash(key: string, fractions: SplitFractions, seed = 0): SplitName {
  const bucket = (hashString(key, seed) % 1000) / 1000;
  const train = 1 - fractions.valid - fractions.test;
  if (bucket < train) return 'train';
  if (bucket < train + fractions.valid) return 'valid';
  return 'test';
}

/**
 * The split of the `index`-th file in sorted order, as for the Brown corpus: every 10th
 * file is test; of the rest, every 10th is valid.
 */
export function splitByTenths(index: number): SplitName {
  if (index % 10 === 9) return 'test';
  const rest = index - Math.floor((index + 1) / 10); // position among the non-test files
  return rest % 10 === 9 ? 'valid' : 'train';
}
