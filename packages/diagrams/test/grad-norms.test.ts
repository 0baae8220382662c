import { describe, expect, it } from 'vitest';
import { gradNormsSvg } from '../src/index.js';
import { parseXml } from './xml-check.js';

describe('gradNormsSvg', () => {
  it('draws log10 norms: a vanishing gradient rises towards t = T', () => {
    const vanishing = Array.from({ length: 50 }, (_, i) => 0.5 ** (49 - i));
    const svg = gradNormsSvg('scalar', [
      { name: 'w = 0.5', values: vanishing },
      { name: 'w = 1', values: vanishing.map(() => 1) },
    ]);
    expect(() => parseXml(svg)).not.toThrow();
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(lines).toHaveLength(2);
    const ys = (lines[0] ?? '').split(' ').map((p) => Number(p.split(',')[1]));
    // SVG y grows downwards: the first step (tiny norm) is lowest on the chart.
    expect(ys[0]).toBeGreaterThan(ys[49] ?? Infinity);
    // Equal log steps: a straight line.
    expect((ys[0] ?? 0) - (ys[1] ?? 0)).toBeCloseTo((ys[48] ?? 0) - (ys[49] ?? 0), 1);
    expect(svg).toContain('1e-14');
  });

  it('leaves gaps for zeros and survives empty input', () => {
    expect(() =>
      parseXml(gradNormsSvg('x', [{ name: 'a', values: [0, 1, NaN, 2] }])),
    ).not.toThrow();
    expect(() => parseXml(gradNormsSvg('x', []))).not.toThrow();
  });
});
