import { describe, expect, it } from 'vitest';
import type { OpAttrs } from '../../src/op-attrs.js';
import type { OpName } from '../../src/types.js';
import { OP_NAMES, OPS } from '../../src/ops/index.js';
import { isShapeError } from '../../src/ops/op-def.js';
import { f32 } from '../test-fixtures.js';

// Every key of OpAttrs, written out so a new op without a catalogue entry fails here.
const ALL: Record<keyof OpAttrs, true> = {
  embed: true,
  dense: true,
  conv1d: true,
  max_pool1d: true,
  avg_pool1d: true,
  reduce_time: true,
  last: true,
  first: true,
  dropout: true,
  layer_norm: true,
  softmax: true,
  concat: true,
  rnn: true,
  lstm: true,
  gru: true,
  final_state: true,
  scan: true,
  relu: true,
  tanh: true,
  sigmoid: true,
  gelu: true,
  silu: true,
  exp: true,
  log: true,
  neg: true,
  add: true,
  sub: true,
  mul: true,
  div: true,
  matmul: true,
  slice: true,
  constant: true,
  param: true,
};

describe('the catalogue', () => {
  it('has exactly one entry per op, keyed by its name', () => {
    expect([...OP_NAMES].sort()).toEqual(Object.keys(ALL).sort());
    for (const name of OP_NAMES) expect(OPS[name].op).toBe(name);
  });

  it('reports arity errors for every op', () => {
    for (const name of OP_NAMES) {
      const def = OPS[name as OpName] as unknown as {
        minInputs: number;
        maxInputs: number;
        infer(i: unknown[], a: unknown): unknown;
      };
      const n = def.maxInputs === Infinity ? -1 : def.maxInputs + 1;
      if (n < 0) continue;
      const r = def.infer(
        Array.from({ length: n }, () => f32('B', 'T', 4)),
        {},
      );
      expect(isShapeError(r) && r.kind).toBe('arity');
    }
  });

  it('tells shape errors from results', () => {
    expect(isShapeError({ kind: 'dim', message: 'x' })).toBe(true);
    expect(isShapeError([f32(1)])).toBe(false);
    expect(isShapeError(null)).toBe(false);
  });
});
