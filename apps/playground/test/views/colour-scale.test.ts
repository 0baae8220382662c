import { describe, expect, it } from 'vitest';
import {
  colourOf,
  cssGradient,
  hex,
  luminance,
  MISSING_COLOUR,
  viridis,
  VIRIDIS_STOPS,
} from '../../src/views/colour-scale.js';

describe('colour scale', () => {
  it('runs from viridis purple to viridis yellow, clamping outside [0, 1]', () => {
    expect(hex(viridis(0))).toBe('#440154');
    expect(hex(viridis(1))).toBe('#fde725');
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(7)).toEqual(viridis(1));
    // Halfway between two stops is their mean.
    const [a, b] = [VIRIDIS_STOPS[0], VIRIDIS_STOPS[1]];
    const mid = viridis(1 / 16);
    expect(Math.abs(mid[1] - ((a?.[1] ?? 0) + (b?.[1] ?? 0)) / 2)).toBeLessThanOrEqual(0.5);
  });

  it('is perceptually ordered: luminance rises with the value', () => {
    const ls = Array.from({ length: 101 }, (_, i) => luminance(viridis(i / 100)));
    for (let i = 1; i < ls.length; i++) expect(ls[i]).toBeGreaterThan(ls[i - 1] ?? Infinity);
    expect(ls[100]).toBeGreaterThan(10 * (ls[0] ?? 1));
  });

  it('maps a value on [min, max]; NaN and −∞ are "no value", +∞ is the top', () => {
    expect(colourOf(-15, -15, 0)).toEqual(viridis(0));
    expect(colourOf(0, -15, 0)).toEqual(viridis(1));
    expect(colourOf(-7.5, -15, 0)).toEqual(viridis(0.5));
    expect(colourOf(NaN, -15, 0)).toEqual(MISSING_COLOUR);
    expect(colourOf(-Infinity, -15, 0)).toEqual(MISSING_COLOUR);
    expect(colourOf(Infinity, -15, 0)).toEqual(viridis(1));
    // The missing colour is none of the scale's (it must stand out).
    expect(VIRIDIS_STOPS.map(hex)).not.toContain(hex(MISSING_COLOUR));
  });

  it('gives the legend a CSS gradient through every stop, in order', () => {
    const css = cssGradient();
    const at = VIRIDIS_STOPS.map((c) => css.indexOf(hex(c)));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(css).toMatch(/100\.0%\)$/);
  });
});
