import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/io/files.js';
import { optionalWholeNumber, wholeNumber } from '../src/io/numbers.js';

describe('whole-number options', () => {
  it('accepts whole numbers at or above the minimum', () => {
    expect(wholeNumber('--steps', '20', 1)).toBe(20);
    expect(wholeNumber('--seed', '0')).toBe(0);
    expect(optionalWholeNumber('--limit', undefined, 1)).toBeUndefined();
    expect(optionalWholeNumber('--limit', '7', 1)).toBe(7);
  });

  it.each([
    ['0', 1],
    ['-1', 0],
    ['2.5', 0],
    ['ten', 0],
    ['', 1],
  ])('rejects %j (min %i) with a usage error naming the flag', (value, min) => {
    expect(() => wholeNumber('--batch', value, min)).toThrow(UsageError);
    expect(() => wholeNumber('--batch', value, min)).toThrow(
      `--batch ${value}: give a whole number >= ${min}`,
    );
  });

  it('refuses a count past its ceiling, saying the ceiling', () => {
    expect(wholeNumber('--epochs', '1048576', 1, 1_048_576)).toBe(1_048_576);
    expect(() => wholeNumber('--epochs', '1e23', 1, 1_048_576)).toThrow(
      '--epochs 1e23: at most 1,048,576',
    );
    expect(() => optionalWholeNumber('--seed', '4294967296', 0, 4_294_967_295)).toThrow(UsageError);
  });
});
