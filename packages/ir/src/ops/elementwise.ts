/**
 * Elementwise ops: unary activations and binary arithmetic with numpy broadcasting over
 * dims (a dim broadcasts when it equals the other or is 1; scalars `[]` broadcast).
 */
import { numericVolume, sameDim } from '../dims.js';
import type { Dim } from '../types.js';
import { defineOp, describe, perStep, requireFloat, shapeError } from './common.js';
import type { OpDef } from './op-def.js';

type UnaryName = 'relu' | 'tanh' | 'sigmoid' | 'gelu' | 'silu' | 'exp' | 'log' | 'neg';
type BinaryName = 'add' | 'sub' | 'mul' | 'div';

/** Elementwise ops are row-wise too: each row of a batch is computed on its own. */
const ELEMENTWISE = { elementwise: true, rowWise: true, wholeSequence: false } as const;

function unary<K extends UnaryName>(op: K): OpDef<K> {
  return defineOp<K>(op, {
    traits: ELEMENTWISE,
    minInputs: 1,
    maxInputs: 1,
    infer([x]) {
      if (!x) return shapeError('arity', `${op} takes 1 input; got 0`);
      return requireFloat(op, x, 0) ?? [x];
    },
    flopsPerStep: ([x]) => perStep(x),
  });
}

/** numpy broadcasting of two shapes; `undefined` when they do not broadcast. */
export function broadcastShapes(a: readonly Dim[], b: readonly Dim[]): Dim[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (sameDim(da, db) || db === 1) out.push(da);
    else if (da === 1) out.push(db);
    else return undefined;
  }
  return out;
}

function binary<K extends BinaryName>(op: K): OpDef<K> {
  return defineOp<K>(op, {
    traits: ELEMENTWISE,
    minInputs: 2,
    maxInputs: 2,
    infer([a, b]) {
      if (!a || !b) return shapeError('arity', `${op} takes 2 inputs; got ${a ? 1 : 0}`);
      const bad = requireFloat(op, a, 0) ?? requireFloat(op, b, 1);
      if (bad) return bad;
      const shape = broadcastShapes(a.shape, b.shape);
      if (!shape) {
        return shapeError(
          'dim',
          `${op} needs matching (or broadcastable) shapes; got ${describe(a)} and ${describe(b)}`,
          1,
        );
      }
      return [{ dtype: 'float32', shape }];
    },
    // One operation per element of the broadcast result.
    flopsPerStep([a, b]) {
      const shape = a && b ? broadcastShapes(a.shape, b.shape) : undefined;
      return shape ? numericVolume(shape) : 0;
    },
  });
}

/** Catalogue entry for `relu` (see OpAttrs['relu']). */
export const relu = unary('relu');
/** Catalogue entry for `tanh` (see OpAttrs['tanh']). */
export const tanh = unary('tanh');
/** Catalogue entry for `sigmoid` (see OpAttrs['sigmoid']). */
export const sigmoid = unary('sigmoid');
/** Catalogue entry for `gelu` (see OpAttrs['gelu']). */
export const gelu = unary('gelu');
/** Catalogue entry for `silu` (see OpAttrs['silu']). */
export const silu = unary('silu');
/** Catalogue entry for `exp` (see OpAttrs['exp']). */
export const exp = unary('exp');
/** Catalogue entry for `log` (see OpAttrs['log']). */
export const log = unary('log');
/** Catalogue entry for `neg` (see OpAttrs['neg']). */
export const neg = unary('neg');
/** Catalogue entry for `add` (see OpAttrs['add']). */
export const add = binary('add');
/** Catalogue entry for `sub` (see OpAttrs['sub']). */
export const sub = binary('sub');
/** Catalogue entry for `mul` (see OpAttrs['mul']). */
export const mul = binary('mul');
/** Catalogue entry for `div` (see OpAttrs['div']). */
export const div = binary('div');
