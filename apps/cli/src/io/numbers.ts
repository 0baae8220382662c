/** Whole-number command-line values, with one error message for every command. */
import { UsageError } from './files.js';

/** `value` as a whole number >= `min`, or a usage error naming the flag. */
export function wholeNumber(flag: string, value: string | number, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${flag} ${value}: give a whole number >= ${min}`);
  }
  return n;
}

/** {@link wholeNumber}, with an absent value staying absent. */
export function optionalWholeNumber(
  flag: string,
  value: string | undefined,
  min = 0,
): number | undefined {
  return value === undefined ? undefined : wholeNumber(flag, value, min);
}
