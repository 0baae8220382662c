import { describe, expect, it } from 'vitest';
import type { Layer } from '../test-fixtures.js';
import { chain, seq } from '../test-fixtures.js';
import { analyzeModule } from '../../src/analyses/report.js';

/** DESIGN.md's closed form: 1 + sum (k_i - 1) * d_i * prod_{j<i} s_j. */
function closedForm(stack: readonly { k: number; s: number; d: number }[]): number {
  let rf = 1;
  let jump = 1;
  for (const { k, s, d } of stack) {
    rf += (k - 1) * d * jump;
    jump *= s;
  }
  return rf;
}

const conv = (k: number, s: number, d: number): Layer => [
  'conv1d',
  { filters: 4, kernel: k, stride: s, dilation: d, padding: 'causal', bias: true },
];

describe('receptive field', () => {
  it('matches the closed form for conv stacks with strides and dilations', () => {
    const stack = [
      { k: 3, s: 1, d: 1 },
      { k: 5, s: 2, d: 2 },
      { k: 3, s: 2, d: 1 },
      { k: 2, s: 1, d: 4 },
    ];
    const r = analyzeModule(
      chain(
        seq(3),
        stack.map(({ k, s, d }) => conv(k, s, d)),
      ),
    );
    // 1 + 2 + 4*2*1 + 2*1*2 + 1*4*4 = 31
    expect(r.receptiveField).toBe(closedForm(stack));
    expect(r.receptiveField).toBe(31);
    expect(r.layers.map((l) => l.receptiveField)).toEqual(
      stack.map((_, i) => closedForm(stack.slice(0, i + 1))),
    );
  });

  it('counts pooling as a strided window and keeps it through per-step layers', () => {
    const r = analyzeModule(
      chain(seq(3), [
        conv(3, 1, 1),
        ['max_pool1d', { kernel: 2, stride: 2, padding: 'valid' }],
        ['relu', {}],
        ['dense', { units: 5, bias: true }],
        conv(3, 1, 1),
      ]),
    );
    expect(r.layers.map((l) => l.receptiveField)).toEqual([3, 4, 4, 4, 8]);
    expect(r.receptiveField).toBe(8);
  });

  it('is all after recurrences and reductions', () => {
    const r = analyzeModule(
      chain(seq(3), [
        conv(3, 1, 1),
        ['reduce_time', { mode: 'max' }],
        ['dense', { units: 2, bias: true }],
      ]),
    );
    expect(r.layers.map((l) => l.receptiveField)).toEqual([3, 'all', 'all']);
    expect(r.receptiveField).toBe('all');
  });
});
