import { describe, expect, it } from 'vitest';
import {
  hashString,
  mulberry32,
  randomNormal,
  shuffleInPlace,
  splitByHash,
  splitByTenths,
} from '../src/index.js';

describe('mulberry32', () => {
  it('repeats for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const r = mulberry32(seed);
      return Array.from({ length: 5 }, () => r());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const x of draw(123)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('is roughly uniform and normal samples have mean ~0, sd ~1', () => {
    const r = mulberry32(42);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += r();
    expect(sum / n).toBeCloseTo(0.5, 1);
    const z = Array.from({ length: n }, () => randomNormal(r));
    const mean = z.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = shuffleInPlace([...items], mulberry32(3));
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('splits', () => {
  it('hashString is stable and seed-dependent', () => {
    expect(hashString('anna')).toBe(hashString('anna'));
    expect(hashString('anna')).not.toBe(hashString('anne'));
    expect(hashString('anna', 1)).not.toBe(hashString('anna', 2));
  });

  it('splitByHash follows the fractions', () => {
    const counts = { train: 0, valid: 0, test: 0 };
    for (let i = 0; i < 20_000; i++) counts[splitByHash(`item-${i}`, { valid: 0.1, test: 0.1 })]++;
    expect(counts.train / 20_000).toBeCloseTo(0.8, 1);
    expect(counts.valid / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.test / 20_000).toBeCloseTo(0.1, 1);
  });

  it('splitByTenths: every 10th file is test, every 10th of the rest valid', () => {
    const splits = Array.from({ length: 500 }, (_, i) => splitByTenths(i));
    expect(splits.filter((s) => s === 'test').length).toBe(50);
    expect(splits.filter((s) => s === 'valid').length).toBe(45);
    expect(splits.slice(0, 21)).toEqual([
      ...Array<string>(9).fill('train'),
      'test',
      'valid',
      ...Array<string>(8).fill('train'),
      'test',
      'train',
    ]);
    const rest = splits.filter((s) => s !== 'test');
    rest.forEach((s, j) => expect(s === 'valid').toBe(j % 10 === 9));
  });
});
