import { describe, expect, it } from 'vitest';
import {
  MIN_GROWTH,
  READABLE_FONT_PX,
  START_GAP,
  readableScale,
  startShift,
} from '../../src/views/readable-scale.js';

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

describe('startShift', () => {
  // A phone's frame shows x from 13 to 377 (364 px).
  const view = { start: 13, end: 377 };

  it('moves the start of a region that fits to the gap inside the view', () => {
    // The names graph's header, readable on a phone: it starts 34 px in, at 47.
    expect(startShift(view, { start: 47, end: 397 }, 4)).toBe(-30);
    expect(startShift(view, { start: 47, end: 100 })).toBe(13 + START_GAP - 47);
    // A region left of the view comes in too.
    expect(startShift(view, { start: 0, end: 100 }, 4)).toBe(17);
  });

  it('narrows the gap to what is left when the region only just fits', () => {
    // 350 px in 364: 7 px each side.
    expect(startShift(view, { start: 47, end: 397 }, 8)).toBe(-27);
  });

  it('centres a region wider than the view', () => {
    // The names unrolled figure from its title to h₁ on a phone: 365 px in 364.
    const shift = startShift(view, { start: 47, end: 412 });
    expect(shift).toBe(-34.5);
    expect(47 + shift - view.start).toBe(view.end - (412 + shift));
  });
});
