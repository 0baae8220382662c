import { describe, expect, it } from 'vitest';
import { f32, ids, seq } from '../test-fixtures.js';
import { OPS } from '../../src/ops/index.js';
import { err, ok } from './test-util.js';

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

describe('embed', () => {
  it('maps ids to vectors with a [V, dim] N(0, 1) table', () => {
    expect(ok(OPS.embed.infer([ids(30)], { dim: 32, padding_idx: null }))).toEqual([seq(32)]);
    expect(OPS.embed.params([ids(30)], { dim: 32, padding_idx: 0 })).toEqual([
      { role: 'weight', shape: [30, 32], init: { kind: 'normal', mean: 0, std: 1 } },
    ]);
  });
  it('rejects floats, unbounded ids and bad padding_idx', () => {
    const e = err(OPS.embed.infer([seq(4)], { dim: 8, padding_idx: null }));
    expect(e.kind).toBe('dtype');
    expect(e.message).toContain('[B, T, 4]');
    expect(e.message).toContain('int');
    const unbounded = { dtype: 'int32', shape: ['B', 'T'] } as const;
    expect(err(OPS.embed.infer([unbounded], { dim: 8, padding_idx: null })).message).toContain(
      'vocabulary',
    );
    expect(err(OPS.embed.infer([ids(10)], { dim: 8, padding_idx: 10 })).kind).toBe('attr');
  });
});

describe('dense', () => {
  it('works per step and on vectors', () => {
    expect(ok(OPS.dense.infer([seq(16)], { units: 4, bias: true }))).toEqual([seq(4)]);
    expect(ok(OPS.dense.infer([f32('B', 16)], { units: 4, bias: true }))).toEqual([f32('B', 4)]);
  });
  it('has nn.Linear parameters', () => {
    const ps = OPS.dense.params([seq(16)], { units: 4, bias: true });
    expect(ps.map((p) => [p.role, p.shape])).toEqual([
      ['weight', [4, 16]],
      ['bias', [4]],
    ]);
    expect(ps[0]?.init).toEqual({ kind: 'uniform', low: -0.25, high: 0.25 });
    expect(OPS.dense.params([seq(16)], { units: 4, bias: false })).toHaveLength(1);
    expect(OPS.dense.flopsPerStep([seq(16)], { units: 4, bias: true })).toBe(2 * 16 * 4);
  });
  it('explains int inputs and unknown widths', () => {
    const e = err(OPS.dense.infer([ids(30)], { units: 2, bias: true }));
    expect(e.message).toBe(
      'dense expects a float input; got int token ids [B, T] (embed them first)',
    );
    const w = err(OPS.dense.infer([seq('D')], { units: 2, bias: true }));
    expect(w).toMatchObject({ kind: 'dim', input: 0 });
    expect(w.message).toBe('dense needs a known feature width; got [B, T, D]');
    expect(err(OPS.dense.infer([seq(3)], { units: 0, bias: true })).kind).toBe('attr');
  });
});

describe('conv1d', () => {
  const conv = (
    kernel: number,
    stride: number,
    dilation: number,
    padding: 'same' | 'valid' | 'causal',
  ) => ({ filters: 64, kernel, stride, dilation, padding, bias: true }) as const;

  it('computes output lengths for each padding', () => {
    expect(ok(OPS.conv1d.infer([seq(8)], conv(3, 1, 1, 'same')))[0]?.shape).toEqual(['B', 'T', 64]);
    expect(ok(OPS.conv1d.infer([seq(8)], conv(3, 1, 1, 'causal')))[0]?.shape).toEqual([
      'B',
      'T',
      64,
    ]);
    expect(ok(OPS.conv1d.infer([seq(8)], conv(3, 1, 1, 'valid')))[0]?.shape).toEqual([
      'B',
      'T-2',
      64,
    ]);
    expect(ok(OPS.conv1d.infer([seq(8)], conv(3, 1, 2, 'valid')))[0]?.shape).toEqual([
      'B',
      'T-4',
      64,
    ]);
    expect(ok(OPS.conv1d.infer([seq(8)], conv(3, 2, 1, 'valid')))[0]?.shape).toEqual([
      'B',
      'floor((T-3)/2)+1',
      64,
    ]);
    expect(ok(OPS.conv1d.infer([seq(8)], conv(3, 2, 1, 'same')))[0]?.shape).toEqual([
      'B',
      'ceil(T/2)',
      64,
    ]);
    // Numeric lengths: PyTorch's floor((L + 2p - d(k-1) - 1)/s) + 1 with p = 0.
    expect(ok(OPS.conv1d.infer([seq(8, 20)], conv(5, 3, 2, 'valid')))[0]?.shape[1]).toBe(
      Math.floor((20 - 2 * 4 - 1) / 3) + 1,
    );
  });
  it('has nn.Conv1d parameters and FLOPs', () => {
    const ps = OPS.conv1d.params([seq(8)], conv(3, 1, 1, 'same'));
    expect(ps.map((p) => p.shape)).toEqual([[64, 8, 3], [64]]);
    expect(ps.reduce((s, p) => s + numel(p.shape), 0)).toBe(8 * 64 * 3 + 64);
    expect(ps[1]?.init).toEqual({
      kind: 'uniform',
      low: -1 / Math.sqrt(24),
      high: 1 / Math.sqrt(24),
    });
    expect(OPS.conv1d.flopsPerStep([seq(8)], conv(3, 1, 1, 'same'))).toBe(2 * 8 * 3 * 64);
  });
  it('rejects non-sequences, symbolic widths and too-short inputs', () => {
    const r = err(OPS.conv1d.infer([f32('B', 8)], conv(3, 1, 1, 'same')));
    expect(r.message).toBe('conv1d expects a sequence [B, T, D]; got [B, 8]');
    expect(err(OPS.conv1d.infer([seq('D')], conv(3, 1, 1, 'same'))).message).toBe(
      'conv1d needs a known feature width; got [B, T, D]',
    );
    const short = err(OPS.conv1d.infer([seq(8, 2)], conv(3, 1, 1, 'valid')));
    expect(short.message).toContain('at least 3 steps');
    expect(short.message).toContain('[B, 2, 8]');
    expect(err(OPS.conv1d.infer([seq(8)], conv(0, 1, 1, 'same'))).kind).toBe('attr');
    expect(
      err(OPS.conv1d.infer([seq(8)], { ...conv(3, 1, 1, 'same'), padding: 'full' as 'same' })).kind,
    ).toBe('attr');
  });
});

describe('pooling', () => {
  it('pools over time and keeps the width', () => {
    const a = { kernel: 2, stride: 2, padding: 'valid' } as const;
    expect(ok(OPS.max_pool1d.infer([seq(8)], a))[0]?.shape).toEqual(['B', 'floor((T-2)/2)+1', 8]);
    expect(ok(OPS.avg_pool1d.infer([seq(8, 10)], a))[0]?.shape).toEqual(['B', 5, 8]);
    expect(ok(OPS.max_pool1d.infer([seq(8)], { ...a, padding: 'same' }))[0]?.shape).toEqual([
      'B',
      'ceil(T/2)',
      8,
    ]);
    expect(OPS.max_pool1d.params([seq(8)], a)).toEqual([]);
  });
  it('rejects vectors', () => {
    const e = err(OPS.avg_pool1d.infer([f32('B', 8)], { kernel: 2, stride: 2, padding: 'valid' }));
    expect(e.message).toBe('avg_pool1d expects a sequence [B, T, D]; got [B, 8]');
  });
});

describe('dropout, layer_norm, softmax', () => {
  it('keep the shape', () => {
    expect(ok(OPS.dropout.infer([seq(8)], { rate: 0.5 }))).toEqual([seq(8)]);
    expect(ok(OPS.layer_norm.infer([seq(8)], { eps: 1e-5 }))).toEqual([seq(8)]);
    expect(ok(OPS.softmax.infer([f32('B', 3)], {}))).toEqual([f32('B', 3)]);
  });
  it('layer_norm has nn.LayerNorm parameters', () => {
    expect(OPS.layer_norm.params([seq(8)], { eps: 1e-5 })).toEqual([
      { role: 'weight', shape: [8], init: { kind: 'ones' } },
      { role: 'bias', shape: [8], init: { kind: 'zeros' } },
    ]);
  });
  it('reject bad attributes and ints', () => {
    expect(err(OPS.dropout.infer([seq(8)], { rate: 1 })).message).toContain('[0, 1)');
    expect(err(OPS.layer_norm.infer([seq(8)], { eps: 0 })).kind).toBe('attr');
    expect(err(OPS.softmax.infer([ids(5)], {})).message).toContain('int token ids [B, T]');
  });
});

describe('concat', () => {
  it('adds the last dims', () => {
    expect(ok(OPS.concat.infer([seq(32), seq(4), seq(1)], {}))).toEqual([seq(37)]);
    expect(ok(OPS.concat.infer([seq(32), seq('D')], {}))).toEqual([seq('D+32')]);
  });
  it('rejects mismatched leading dims', () => {
    const e = err(OPS.concat.infer([seq(32), f32('B', 4)], {}));
    expect(e.message).toBe(
      'concat needs inputs that differ only in the last axis; got [B, T, 32] and [B, 4]',
    );
    expect(err(OPS.concat.infer([seq(3, 'T'), seq(3, 'S')], {})).input).toBe(1);
    expect(err(OPS.concat.infer([], {})).kind).toBe('arity');
  });
});
