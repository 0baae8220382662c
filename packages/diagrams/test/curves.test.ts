import { describe, expect, it } from 'vitest';
import { curvesSvg } from '../src/index.js';
import { parseXml } from './xml-check.js';

describe('curvesSvg', () => {
  it('draws one polyline per series with points inside the plot', () => {
    const svg = curvesSvg('run', [
      {
        title: 'loss',
        series: [
          {
            name: 'train',
            points: [
              [1, 0.9],
              [2, 0.5],
              [3, 0.3],
            ],
          },
          {
            name: 'valid',
            points: [
              [1, 1],
              [2, 0.7],
              [3, 0.6],
            ],
          },
        ],
      },
      {
        title: 'accuracy',
        series: [
          {
            name: 'valid',
            points: [
              [1, 0.6],
              [2, 0.8],
              [3, 0.85],
            ],
          },
        ],
      },
    ]);
    expect(() => parseXml(svg)).not.toThrow();
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(lines).toHaveLength(3);
    // Falling loss: y (downwards in SVG) grows along the train line.
    const ys = (lines[0] ?? '').split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys[0]).toBeLessThan(ys[1] ?? 0);
    expect(ys[1]).toBeLessThan(ys[2] ?? 0);
    expect(svg).toContain('accuracy');
  });

  it('survives empty and non-finite series', () => {
    const svg = curvesSvg('x', [
      { title: 'loss', series: [{ name: 'train', points: [[1, NaN]] }] },
    ]);
    expect(() => parseXml(svg)).not.toThrow();
  });
});
