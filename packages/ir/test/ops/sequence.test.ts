import { describe, expect, it } from 'vitest';
import { f32, ids, seq } from '../test-fixtures.js';
import { OPS } from '../../src/ops/index.js';
import { err, ok } from './test-util.js';

describe('last, first, reduce_time', () => {
  it('drop the time axis of any dtype', () => {
    expect(ok(OPS.last.infer([seq(8)], {}))).toEqual([f32('B', 8)]);
    expect(ok(OPS.first.infer([ids(30)], {}))).toEqual([
      { dtype: 'int32', shape: ['B'], vocab: 30 },
    ]);
    expect(ok(OPS.reduce_time.infer([seq(8)], { mode: 'mean' }))).toEqual([f32('B', 8)]);
    expect(ok(OPS.reduce_time.infer([ids(30)], { mode: 'sum' }))).toEqual([
      { dtype: 'int32', shape: ['B'] },
    ]);
    expect(OPS.reduce_time.flopsPerStep([seq(8)], { mode: 'max' })).toBe(8);
  });
  it('reject non-sequences and bad modes', () => {
    expect(err(OPS.last.infer([f32('B')], {})).message).toBe(
      'last expects a sequence [B, T, D]; got [B]',
    );
    expect(err(OPS.reduce_time.infer([seq(8)], { mode: 'min' as 'max' })).kind).toBe('attr');
  });
});
