/**
 * Shape rules of the per-step layers: embed, dense, conv1d, pooling, dropout, layer norm,
 * softmax and concat. Parameter shapes and inits follow PyTorch (`nn.Embedding`,
 * `nn.Linear`, `nn.Conv1d`, `nn.LayerNorm`).
 */
import { dimAdd, dimCeilDiv, dimFloorDiv, dimSub, sameDim } from '../dims.js';
import type { Dim, TensorType } from '../types.js';
import {
  defineOp,
  describe,
  firstError,
  knownLastDim,
  lastDim,
  perStep,
  PLAIN,
  requireFloat,
  requireInt,
  requireMinRank,
  requireOneOf,
  requireSequence,
  ROW_WISE,
  shapeError,
  uniform,
  withLast,
} from './common.js';
import type { OpDef, ShapeError } from './op-def.js';

/** Output length of a strided window over `t` steps (PyTorch/tfjs conventions). */
export function windowLength(
  t: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'same' | 'valid' | 'causal',
): Dim {
  if (padding === 'valid') {
    // floor((T - dilation*(kernel-1) - 1)/stride) + 1
    return dimAdd(dimFloorDiv(dimSub(t, dilation * (kernel - 1) + 1), stride), 1);
  }
  // same and causal pad so that every input step starts a window: ceil(T/stride).
  return dimCeilDiv(t, stride);
}

/** Catalogue entry for `embed` (see OpAttrs['embed']). */
export const embed = defineOp('embed', {
  traits: ROW_WISE,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    if (!x) return shapeError('arity', 'embed takes 1 input; got 0');
    const bad = requireInt('embed', 'dim', a.dim, 1);
    if (bad) return bad;
    if (a.padding_idx !== null && !(Number.isInteger(a.padding_idx) && a.padding_idx >= 0)) {
      return shapeError(
        'attr',
        `embed needs padding_idx to be none or an id >= 0; got ${String(a.padding_idx)}`,
      );
    }
    if (x.dtype !== 'int32') {
      return shapeError(
        'dtype',
        `embed expects int token ids [B, T] int < V; got float ${describe(x)}`,
        0,
      );
    }
    if (x.vocab === undefined) {
      return shapeError(
        'dtype',
        `embed needs token ids with a known vocabulary (int < V); got ${describe(x)} without a bound`,
        0,
      );
    }
    if (a.padding_idx !== null && a.padding_idx >= x.vocab) {
      return shapeError(
        'attr',
        `embed padding_idx must be below the vocabulary ${x.vocab}; got ${a.padding_idx}`,
      );
    }
    if (x.shape.length < 1 || x.shape.length > 2) {
      return shapeError('rank', `embed expects token ids [B, T] or [B]; got ${describe(x)}`, 0);
    }
    return [{ dtype: 'float32', shape: [...x.shape, a.dim] }];
  },
  params: ([x], a) => [
    { role: 'weight', shape: [x?.vocab ?? 0, a.dim], init: { kind: 'normal', mean: 0, std: 1 } },
  ],
});

/** Catalogue entry for `dense` (see OpAttrs['dense']). */
export const dense = defineOp('dense', {
  traits: ROW_WISE,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    if (!x) return shapeError('arity', 'dense takes 1 input; got 0');
    const bad = firstError(
      requireInt('dense', 'units', a.units, 1),
      requireOneOf('dense', 'bias', a.bias, [true, false]),
      requireFloat('dense', x, 0),
      requireMinRank('dense', x, 2, 'a batch of vectors [B, D] or a sequence [B, T, D]', 0),
    );
    if (bad) return bad;
    const width = knownLastDim('dense', x, 0);
    if (typeof width !== 'number') return width;
    return [{ dtype: 'float32', shape: withLast(x.shape, a.units) }];
  },
  params([x], a) {
    const inWidth = lastDim(x);
    const init = uniform(1 / Math.sqrt(inWidth));
    const weight = { role: 'weight', shape: [a.units, inWidth], init };
    return a.bias ? [weight, { role: 'bias', shape: [a.units], init }] : [weight];
  },
  flopsPerStep: ([x], a) => 2 * lastDim(x) * a.units,
});

function checkWindow(
  op: 'conv1d' | 'max_pool1d' | 'avg_pool1d',
  x: TensorType,
  kernel: number,
  stride: number,
  dilation: number,
): ShapeError | undefined {
  const t = x.shape[1];
  if (typeof t === 'number' && t < dilation * (kernel - 1) + 1) {
    return shapeError(
      'dim',
      `${op} with kernel ${kernel}${dilation > 1 ? ` and dilation ${dilation}` : ''} needs at least ${dilation * (kernel - 1) + 1} steps; got ${describe(x)}`,
      0,
    );
  }
  return firstError(
    requireInt(op, 'kernel', kernel, 1),
    requireInt(op, 'stride', stride, 1),
    requireInt(op, 'dilation', dilation, 1),
  );
}

/** Catalogue entry for `conv1d` (see OpAttrs['conv1d']). */
export const conv1d = defineOp('conv1d', {
  traits: PLAIN,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    if (!x) return shapeError('arity', 'conv1d takes 1 input; got 0');
    const bad = firstError(
      requireInt('conv1d', 'filters', a.filters, 1),
      requireOneOf('conv1d', 'padding', a.padding, ['same', 'valid', 'causal']),
      requireOneOf('conv1d', 'bias', a.bias, [true, false]),
      requireFloat('conv1d', x, 0),
      requireSequence('conv1d', x, 0),
    );
    if (bad) return bad;
    const width = knownLastDim('conv1d', x, 0);
    if (typeof width !== 'number') return width;
    const win = checkWindow('conv1d', x, a.kernel, a.stride, a.dilation);
    if (win && (win.kind === 'attr' || a.padding === 'valid')) return win;
    const [b, t] = x.shape as [Dim, Dim, Dim];
    return [
      {
        dtype: 'float32',
        shape: [b, windowLength(t, a.kernel, a.stride, a.dilation, a.padding), a.filters],
      },
    ];
  },
  params([x], a) {
    const inWidth = lastDim(x);
    const init = uniform(1 / Math.sqrt(inWidth * a.kernel));
    const weight = { role: 'weight', shape: [a.filters, inWidth, a.kernel], init };
    return a.bias ? [weight, { role: 'bias', shape: [a.filters], init }] : [weight];
  },
  flopsPerStep: ([x], a) => 2 * lastDim(x) * a.kernel * a.filters,
});

function pool<K extends 'max_pool1d' | 'avg_pool1d'>(op: K): OpDef<K> {
  return defineOp<K>(op, {
    traits: PLAIN,
    minInputs: 1,
    maxInputs: 1,
    infer([x], a) {
      if (!x) return shapeError('arity', `${op} takes 1 input; got 0`);
      const bad = firstError(
        requireOneOf(op, 'padding', a.padding, ['same', 'valid']),
        requireFloat(op, x, 0),
        requireSequence(op, x, 0),
      );
      if (bad) return bad;
      const win = checkWindow(op, x, a.kernel, a.stride, 1);
      if (win && (win.kind === 'attr' || a.padding === 'valid')) return win;
      const [b, t, d] = x.shape as [Dim, Dim, Dim];
      return [
        { dtype: 'float32', shape: [b, windowLength(t, a.kernel, a.stride, 1, a.padding), d] },
      ];
    },
    flopsPerStep: ([x], a) => a.kernel * perStep(x),
  });
}

/** Catalogue entry for `max_pool1d` (see OpAttrs['max_pool1d']). */
export const maxPool1d = pool('max_pool1d');
/** Catalogue entry for `avg_pool1d` (see OpAttrs['avg_pool1d']). */
export const avgPool1d = pool('avg_pool1d');

/** Catalogue entry for `dropout` (see OpAttrs['dropout']). */
export const dropout = defineOp('dropout', {
  traits: PLAIN,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    if (!x) return shapeError('arity', 'dropout takes 1 input; got 0');
    if (typeof a.rate !== 'number' || !(a.rate >= 0 && a.rate < 1)) {
      return shapeError(
        'attr',
        `dropout needs a rate in [0, 1); got ${JSON.stringify(a.rate) ?? 'nothing'}`,
      );
    }
    return requireFloat('dropout', x, 0) ?? [x];
  },
  // Identity at inference: no arithmetic counted.
});

/** Catalogue entry for `layer_norm` (see OpAttrs['layer_norm']). */
export const layerNorm = defineOp('layer_norm', {
  traits: ROW_WISE,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    if (!x) return shapeError('arity', 'layer_norm takes 1 input; got 0');
    if (typeof a.eps !== 'number' || !(a.eps > 0)) {
      return shapeError(
        'attr',
        `layer_norm needs eps > 0; got ${JSON.stringify(a.eps) ?? 'nothing'}`,
      );
    }
    const bad = firstError(
      requireFloat('layer_norm', x, 0),
      requireMinRank('layer_norm', x, 1, 'a tensor with a feature axis [..., D]', 0),
    );
    if (bad) return bad;
    const width = knownLastDim('layer_norm', x, 0);
    return typeof width === 'number' ? [x] : width;
  },
  params: ([x]) => [
    { role: 'weight', shape: [lastDim(x)], init: { kind: 'ones' } },
    { role: 'bias', shape: [lastDim(x)], init: { kind: 'zeros' } },
  ],
  // mean, variance, normalise, scale, shift: about five operations per element.
  flopsPerStep: ([x]) => 5 * perStep(x),
});

/** Catalogue entry for `softmax` (see OpAttrs['softmax']). */
export const softmax = defineOp('softmax', {
  traits: ROW_WISE,
  minInputs: 1,
  maxInputs: 1,
  infer([x]) {
    if (!x) return shapeError('arity', 'softmax takes 1 input; got 0');
    return (
      firstError(
        requireFloat('softmax', x, 0),
        requireMinRank('softmax', x, 1, 'a tensor with a feature axis [..., D]', 0),
      ) ?? [x]
    );
  },
  // exp, sum, divide.
  flopsPerStep: ([x]) => 3 * perStep(x),
});

/** Catalogue entry for `concat` (see OpAttrs['concat']). */
export const concat = defineOp('concat', {
  traits: ROW_WISE,
  minInputs: 1,
  maxInputs: Infinity,
  infer(inputs) {
    const [first] = inputs;
    if (!first) return shapeError('arity', 'concat takes at least 1 input; got 0');
    let last: Dim = 0;
    for (const [i, t] of inputs.entries()) {
      const bad = firstError(
        requireFloat('concat', t, i),
        requireMinRank('concat', t, 1, 'tensors with a feature axis [..., D]', i),
      );
      if (bad) return bad;
      const sameLead =
        t.shape.length === first.shape.length &&
        t.shape.slice(0, -1).every((d, j) => sameDim(d, first.shape[j] ?? NaN));
      if (!sameLead) {
        return shapeError(
          'dim',
          `concat needs inputs that differ only in the last axis; got ${inputs.map(describe).join(' and ')}`,
          i,
        );
      }
      last = dimAdd(last, t.shape[t.shape.length - 1] ?? 0);
    }
    return [{ dtype: 'float32', shape: withLast(first.shape, last) }];
  },
});
