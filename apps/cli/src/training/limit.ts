/** `--limit N`: a seeded random sample of the train split, valid and test cut in proportion. */
import { mulberry32, shuffleInPlace, type Example, type SequenceDataset } from '@seqlab/data';

/** `n` of `items` drawn with `seed`, kept in their original order. */
function sample(items: Example[], n: number, seed: number): Example[] {
  if (n >= items.length) return items;
  const picked = shuffleInPlace(
    items.map((_, i) => i),
    mulberry32(seed),
  )
    .slice(0, n)
    .sort((a, b) => a - b);
  return picked.map((i) => items[i] as Example);
}

/**
 * The data set with at most `limit` train examples, a random sample drawn with `seed` (the
 * first rows of a sorted file can be all one class), and valid and test cut by the same
 * fraction (at least one example each when they have any). The same limit and seed give
 * the same sample, so `--resume` sees the data the run started with.
 */
export function limitDataset(ds: SequenceDataset, limit: number, seed: number): SequenceDataset {
  const { train, valid, test } = ds.splits;
  if (limit >= train.length) return ds;
  const fraction = limit / train.length;
  const cut = (items: Example[]) =>
    items.length === 0 ? 0 : Math.max(1, Math.round(items.length * fraction));
  return {
    ...ds,
    splits: {
      train: sample(train, limit, seed),
      valid: sample(valid, cut(valid), seed + 1),
      test: sample(test, cut(test), seed + 2),
    },
  };
}
