/**
 * Shape rules of the ops that collapse the time axis: `reduce_time`, `last`, `first`.
 * They work on any dtype (ids too) and are mask-aware through `node.lengths`.
 */
import type { OpName, TensorType } from '../types.js';
import { defineOp, describe, perStep, requireOneOf, shapeError, WHOLE_SEQUENCE } from './common.js';
import type { ShapeError } from './op-def.js';

function dropTime(op: OpName, x: TensorType | undefined): readonly TensorType[] | ShapeError {
  if (!x) return shapeError('arity', `${op} takes 1 input; got 0`);
  if (x.shape.length < 2) {
    return shapeError('rank', `${op} expects a sequence [B, T, D]; got ${describe(x)}`, 0);
  }
  const shape = [x.shape[0] ?? 'B', ...x.shape.slice(2)];
  return [
    x.vocab === undefined ? { dtype: x.dtype, shape } : { dtype: x.dtype, shape, vocab: x.vocab },
  ];
}

/** Catalogue entry for `reduce_time` (see OpAttrs['reduce_time']). */
export const reduceTime = defineOp('reduce_time', {
  traits: WHOLE_SEQUENCE,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    const bad = requireOneOf('reduce_time', 'mode', a.mode, ['mean', 'max', 'sum']);
    if (bad) return bad;
    const out = dropTime('reduce_time', x);
    // A mean or sum of ids is no longer an id below the vocabulary: drop the bound.
    if (Array.isArray(out) && a.mode !== 'max') {
      return out.map((t: TensorType) => ({ dtype: t.dtype, shape: t.shape }));
    }
    return out;
  },
  // One accumulate per element per step.
  flopsPerStep: ([x]) => perStep(x),
});

/** Catalogue entry for `last` (see OpAttrs['last']). */
export const last = defineOp('last', {
  traits: WHOLE_SEQUENCE,
  minInputs: 1,
  maxInputs: 1,
  infer: ([x]) => dropTime('last', x),
});

/** Catalogue entry for `first` (see OpAttrs['first']). */
export const first = defineOp('first', {
  traits: WHOLE_SEQUENCE,
  minInputs: 1,
  maxInputs: 1,
  infer: ([x]) => dropTime('first', x),
});
