import { describe, expect, it } from 'vitest';
import { MIN_GROWTH, READABLE_FONT_PX, readableScale } from '../../src/views/readable-scale.js';

describe('readableScale', () => {
  it('grows a figure until its smallest text is readable', () => {
    // The unrolled names figure fitted to a phone: its smallest font 4.07 px.
    expect(readableScale([4.07, 5.7, 7.3])).toBeCloseTo(READABLE_FONT_PX / 4.07, 9);
    expect(readableScale([12, 5, 30], 10)).toBe(2);
  });

  it('keeps a figure fitted when its text is readable, or nearly so', () => {
    expect(readableScale([9, 12.6, 18])).toBe(1);
    // The names graph in a 1440 × 900 window: 8.3 px is near enough.
    expect(readableScale([8.33, 11.2])).toBe(1);
    const limit = READABLE_FONT_PX / MIN_GROWTH;
    expect(readableScale([limit + 0.01, 12])).toBe(1);
    expect(readableScale([limit - 0.01, 12])).toBeGreaterThan(MIN_GROWTH);
  });

  it('keeps it fitted when nothing is laid out', () => {
    expect(readableScale([])).toBe(1);
    expect(readableScale([0, 0])).toBe(1);
    expect(readableScale([0, 4.5])).toBe(2);
  });
});
