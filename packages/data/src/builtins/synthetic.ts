import { hashString } from '../hash-split.js';
import { mulberry32, type Random } from '../prng.js';
import type { Example, SequenceDataset } from '../types.js';
import { intOption, type OptionSpec } from './builtin-options.js';

/** Options every synthetic task takes. */
export type SyntheticOption = 'seed' | 'train' | 'valid' | 'test';

/** Defaults for the options every synthetic task takes. */
export const SYNTHETIC_OPTIONS: Record<SyntheticOption, OptionSpec> = {
  seed: intOption(1, 0, 2 ** 32 - 1, 'seed of the generator'),
  train: intOption(2000, 1, 1_000_000, 'train examples'),
  valid: intOption(200, 0, 1_000_000, 'valid examples'),
  test: intOption(200, 0, 1_000_000, 'test examples'),
};

/**
 * Generate the three splits from independent streams (seeded by seed and split name), so
 * changing the train size does not change the test examples.
 */
export function syntheticSplits(
  o: Record<SyntheticOption, number>,
  make: (rand: Random) => Example,
): SequenceDataset['splits'] {
  const gen = (split: 'train' | 'valid' | 'test'): Example[] => {
    const rand = mulberry32(hashString(split, o.seed));
    return Array.from({ length: o[split] }, () => make(rand));
  };
  return { train: gen('train'), valid: gen('valid'), test: gen('test') };
}
