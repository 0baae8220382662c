import { describe, expect, it } from 'vitest';
import type { OpName } from '../../src/types.js';
import { f32, ids, seq } from '../test-fixtures.js';
import { broadcastShapes } from '../../src/ops/elementwise.js';
import { OPS } from '../../src/ops/index.js';
import { err, ok } from './test-util.js';

const unary: OpName[] = ['relu', 'tanh', 'sigmoid', 'gelu', 'silu', 'exp', 'log', 'neg'];
const binary = ['add', 'sub', 'mul', 'div'] as const;

describe('unary elementwise', () => {
  it.each(unary)('%s keeps the type and rejects ids', (op) => {
    const def = OPS[op as 'relu'];
    expect(ok(def.infer([seq(8)], {}))).toEqual([seq(8)]);
    expect(def.flopsPerStep([seq(8)], {})).toBe(8);
    const e = err(def.infer([ids(5)], {}));
    expect(e.message).toBe(
      `${op} expects a float input; got int token ids [B, T] (embed them first)`,
    );
    expect(err(def.infer([seq(8), seq(8)], {})).kind).toBe('arity');
  });
});

describe('binary elementwise', () => {
  it('broadcasts like numpy', () => {
    expect(broadcastShapes(['B', 'T', 8], [8])).toEqual(['B', 'T', 8]);
    expect(broadcastShapes(['B', 1, 8], ['B', 'T', 1])).toEqual(['B', 'T', 8]);
    expect(broadcastShapes([], ['B', 4])).toEqual(['B', 4]);
    expect(broadcastShapes(['B', 'T'], ['B', 'S'])).toBeUndefined();
  });
  it.each(binary)('%s combines matching and broadcast shapes', (op) => {
    expect(ok(OPS[op].infer([seq(8), seq(8)], {}))).toEqual([seq(8)]);
    expect(ok(OPS[op].infer([seq(8), f32()], {}))).toEqual([seq(8)]);
    expect(ok(OPS[op].infer([f32(8), seq(8)], {}))).toEqual([seq(8)]);
    expect(OPS[op].flopsPerStep([seq(8), f32(8)], {})).toBe(8);
  });
  it('explains mismatches', () => {
    const e = err(OPS.add.infer([seq(32), seq(64)], {}));
    expect(e.message).toBe(
      'add needs matching (or broadcastable) shapes; got [B, T, 32] and [B, T, 64]',
    );
    expect(e.kind).toBe('dim');
    expect(err(OPS.mul.infer([seq(3), ids(3)], {})).input).toBe(1);
    expect(err(OPS.sub.infer([seq(3)], {})).message).toBe('sub takes 2 inputs; got 1');
  });
});
