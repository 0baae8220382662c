import { describe, expect, it } from 'vitest';
import { STEP_INCREMENTS, yTicks } from '../../src/views/chart-ticks.js';

describe('yTicks', () => {
  it.each([
    [0, 1],
    [0.28, 1.02],
    [0.9999, 1.0001],
    [-3, 250],
    [1e-6, 3e-6],
    [0.61, 0.62],
  ])('gives at least four round, evenly spaced ticks inside [%s, %s]', (lo, hi) => {
    const ticks = yTicks(lo, hi);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.every((t) => t >= lo - 1e-12 && t <= hi + 1e-12)).toBe(true);
    const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0));
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0] ?? 0, 9);
    // Round: a 1, 2, 2.5 or 5 times a power of ten.
    const g = gaps[0] ?? 0;
    const mantissa = g / 10 ** Math.floor(Math.log10(g));
    expect([1, 2, 2.5, 5].some((m) => Math.abs(m - mantissa) < 1e-6)).toBe(true);
  });

  it('gives one tick for an empty range and none for no data', () => {
    expect(yTicks(2, 2)).toEqual([2]);
    expect(yTicks(NaN, 1)).toEqual([]);
  });
});

describe('STEP_INCREMENTS', () => {
  it('are whole numbers, ascending', () => {
    expect(STEP_INCREMENTS.every(Number.isInteger)).toBe(true);
    expect([...STEP_INCREMENTS].sort((a, b) => a - b)).toEqual(STEP_INCREMENTS);
  });
});
