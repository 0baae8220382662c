/** Whole-number command-line values, with one error message for every command. */
import { UsageError } from './files.js';

/** Largest seed: seeds are unsigned 32-bit, as in a train block (`seed`). */
export const MAX_SEED = 4_294_967_295;

/**
 * `value` as a whole number from `min` to `max`, or a usage error naming the flag. Every
 * count has a ceiling: `--epochs 1e23` would loop for ever and `--batch 1e9` allocate
 * gigabytes before anything is trained.
 */
export function wholeNumber(
  flag: string,
  value: string | number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${flag} ${value}: give a whole number >= ${min}`);
  }
  if (n > max) {
    throw new UsageError(
      `${flag} ${value}: at most ${max.toLocaleString('en-US')} (see "Limits" in docs/language.md)`,
    );
  }
  return n;
}

/** {@link wholeNumber}, with an absent value staying absent. */
export function optionalWholeNumber(
  flag: string,
  value: string | undefined,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  return value === undefined ? undefined : wholeNumber(flag, value, min, max);
}
