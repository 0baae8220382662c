import { describe, expect, it } from 'vitest';
import type { Init, Param } from '@seqlab/ir';
import { createRng, initParam, lowerModule } from '../src/index.js';
import { GraphBuilder } from '@seqlab/ir/testing';
import { useCpu } from './helpers.js';

const param = (shape: number[], init: Init): Param => ({ name: 'p', shape, init, layer: 'l' });
const stats = (v: Float32Array) => {
  const a = Array.from(v);
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  const std = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length);
  return { mean, std, min: Math.min(...a), max: Math.max(...a) };
};

describe('initParam', () => {
  it('is reproducible from the seed and changes with it', () => {
    const p = param([4, 5], { kind: 'normal', mean: 0, std: 1 });
    expect(initParam(p, createRng(1))).toEqual(initParam(p, createRng(1)));
    expect(initParam(p, createRng(1))).not.toEqual(initParam(p, createRng(2)));
  });

  it('fills constants', () => {
    expect(Array.from(initParam(param([3], { kind: 'zeros' }), createRng(0)))).toEqual([0, 0, 0]);
    expect(Array.from(initParam(param([2], { kind: 'ones' }), createRng(0)))).toEqual([1, 1]);
    expect(
      Array.from(initParam(param([2], { kind: 'constant', value: 0.25 }), createRng(0))),
    ).toEqual([0.25, 0.25]);
  });

  it('draws uniform and normal values with the requested moments', () => {
    const u = stats(
      initParam(param([100, 100], { kind: 'uniform', low: -0.3, high: 0.5 }), createRng(3)),
    );
    expect(u.min).toBeGreaterThanOrEqual(-0.3);
    expect(u.max).toBeLessThan(0.5);
    expect(u.mean).toBeCloseTo(0.1, 2);
    expect(u.std).toBeCloseTo(0.8 / Math.sqrt(12), 2);
    const n = stats(
      initParam(param([100, 100], { kind: 'normal', mean: 2, std: 0.5 }), createRng(4)),
    );
    expect(n.mean).toBeCloseTo(2, 1);
    expect(n.std).toBeCloseTo(0.5, 1);
  });

  it('xavier_uniform uses PyTorch fans (receptive field included)', () => {
    // Conv1d weight [out=8, in=4, k=3]: fan_in = 12, fan_out = 24.
    const bound = 2 * Math.sqrt(6 / (12 + 24));
    const s = stats(initParam(param([8, 4, 3], { kind: 'xavier_uniform', gain: 2 }), createRng(5)));
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(s.max).toBeGreaterThan(0.8 * bound);
  });

  it.each([
    [3, 5],
    [5, 3],
    [4, 4],
  ])('orthogonal [%i, %i] has orthonormal rows or columns (times gain)', (rows, cols) => {
    const gain = 1.5;
    const w = initParam(param([rows, cols], { kind: 'orthogonal', gain }), createRng(6));
    const at = (r: number, c: number) => w[r * cols + c] ?? NaN;
    const n = Math.min(rows, cols);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let k = 0; k < Math.max(rows, cols); k++) {
          dot += rows <= cols ? at(i, k) * at(j, k) : at(k, i) * at(k, j);
        }
        expect(dot).toBeCloseTo(i === j ? gain * gain : 0, 5);
      }
    }
  });
});

describe('lowerModule initialisation', () => {
  it('seeds each parameter by name: same seed, same weights; other layers do not shift them', async () => {
    await useCpu();
    const build = (extra: boolean) => {
      const g = new GraphBuilder();
      const x = g.input('x', ['B', 2]);
      if (extra)
        g.op(
          'dense',
          [x],
          { units: 2, bias: false },
          { name: 'a', params: { weight: { shape: [2, 2] } } },
        );
      const [y] = g.op(
        'dense',
        [x],
        { units: 3, bias: false },
        { name: 'b', params: { weight: { shape: [3, 2] } } },
      );
      g.output('y', y ?? '');
      return g.module();
    };
    const values = (extra: boolean, seed: number) => {
      const m = lowerModule(build(extra), { seed });
      const v = Array.from(m.variables.get('b.weight')?.dataSync() ?? []);
      m.dispose();
      return v;
    };
    expect(values(false, 1)).toEqual(values(false, 1));
    expect(values(true, 1)).toEqual(values(false, 1));
    expect(values(false, 2)).not.toEqual(values(false, 1));
  });
});
