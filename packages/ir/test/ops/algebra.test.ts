import { describe, expect, it } from 'vitest';
import { f32, ids, seq } from '../test-fixtures.js';
import { OPS } from '../../src/ops/index.js';
import { err, ok } from './test-util.js';

describe('matmul', () => {
  it('multiplies the last axis by a matrix', () => {
    expect(ok(OPS.matmul.infer([f32('B', 8), f32(8, 16)], { transpose_b: false }))).toEqual([
      f32('B', 16),
    ]);
    expect(ok(OPS.matmul.infer([seq(8), f32(16, 8)], { transpose_b: true }))).toEqual([seq(16)]);
    expect(OPS.matmul.flopsPerStep([f32('B', 8), f32(16, 8)], { transpose_b: true })).toBe(
      2 * 8 * 16,
    );
  });
  it('explains inner-dim and rank mismatches', () => {
    const e = err(OPS.matmul.infer([f32('B', 8), f32(4, 16)], { transpose_b: false }));
    expect(e.message).toContain('K = 8 from [B, 8]');
    expect(e.message).toContain('K = 4 from [4, 16]');
    expect(err(OPS.matmul.infer([f32('B', 8), f32(8)], { transpose_b: false })).kind).toBe('rank');
    expect(err(OPS.matmul.infer([ids(8), f32(8, 2)], { transpose_b: false })).kind).toBe('dtype');
  });
});

describe('slice', () => {
  it('cuts the last axis', () => {
    expect(ok(OPS.slice.infer([f32('B', 12)], { start: 4, end: 8 }))).toEqual([f32('B', 4)]);
    expect(ok(OPS.slice.infer([seq(12)], { start: 0, end: 3 }))).toEqual([seq(3)]);
  });
  it('rejects out-of-range bounds', () => {
    const e = err(OPS.slice.infer([f32('B', 12)], { start: 8, end: 16 }));
    expect(e.message).toBe('slice [8:16] needs 0 <= start < end <= the last dim; got [B, 12]');
    expect(err(OPS.slice.infer([f32('B', 12)], { start: 4, end: 4 })).kind).toBe('dim');
    expect(err(OPS.slice.infer([f32('B', 12)], { start: -1, end: 4 })).kind).toBe('attr');
  });
});

describe('constant and param', () => {
  it('constant is a float scalar', () => {
    expect(ok(OPS.constant.infer([], { value: 2 }))).toEqual([f32()]);
    expect(err(OPS.constant.infer([], { value: Number.NaN })).kind).toBe('attr');
    expect(err(OPS.constant.infer([f32()], { value: 1 })).kind).toBe('arity');
  });
  it('param reads its shape from the module', () => {
    const ctx = { paramShape: (n: string) => (n === 'cell.W' ? [4, 8] : undefined) };
    expect(ok(OPS.param.infer([], { name: 'cell.W' }, ctx))).toEqual([f32(4, 8)]);
    expect(err(OPS.param.infer([], { name: 'cell.U' }, ctx)).message).toBe(
      'param reads an unknown parameter "cell.U"',
    );
    expect(err(OPS.param.infer([], { name: 'cell.W' })).kind).toBe('attr');
  });
});
