/**
 * Tensor algebra used at model level and inside scan bodies: `matmul`, `slice`,
 * `constant` and `param` (which reads a module parameter by its full name).
 */
import { formatDim, numericVolume, sameDim } from '../dims.js';
import type { Dim } from '../types.js';
import {
  defineOp,
  describe,
  firstError,
  requireFloat,
  requireInt,
  requireMinRank,
  requireOneOf,
  ROW_WISE,
  shapeError,
  withLast,
} from './common.js';

/** Catalogue entry for `matmul` (see OpAttrs['matmul']). */
export const matmul = defineOp('matmul', {
  traits: ROW_WISE,
  minInputs: 2,
  maxInputs: 2,
  infer([a, b], attrs) {
    if (!a || !b) return shapeError('arity', `matmul takes 2 inputs; got ${a ? 1 : 0}`);
    const bad = firstError(
      requireOneOf('matmul', 'transpose_b', attrs.transpose_b, [true, false]),
      requireFloat('matmul', a, 0),
      requireFloat('matmul', b, 1),
      requireMinRank('matmul', a, 1, 'a left operand [..., K]', 0),
    );
    if (bad) return bad;
    const layout = attrs.transpose_b ? '[N, K]' : '[K, N]';
    if (b.shape.length !== 2) {
      return shapeError(
        'rank',
        `matmul expects a matrix ${layout} on the right; got ${describe(b)}`,
        1,
      );
    }
    const [b0, b1] = b.shape as [Dim, Dim];
    const [k, n] = attrs.transpose_b ? [b1, b0] : [b0, b1];
    const aK = a.shape[a.shape.length - 1] ?? 0;
    if (!sameDim(aK, k)) {
      return shapeError(
        'dim',
        `matmul needs the inner dims to match (a [..., K], b ${layout}); got K = ${formatDim(aK)} from ${describe(a)} and K = ${formatDim(k)} from ${describe(b)}`,
        1,
      );
    }
    return [{ dtype: 'float32', shape: withLast(a.shape, n) }];
  },
  flopsPerStep([a, b]) {
    if (!a || !b) return 0;
    return (2 * numericVolume(a.shape) * numericVolume(b.shape)) / numericVolume(a.shape.slice(-1));
  },
});

/** Catalogue entry for `slice` (see OpAttrs['slice']). */
export const slice = defineOp('slice', {
  traits: ROW_WISE,
  minInputs: 1,
  maxInputs: 1,
  infer([x], a) {
    if (!x) return shapeError('arity', 'slice takes 1 input; got 0');
    const bad = firstError(
      requireInt('slice', 'start', a.start, 0),
      requireInt('slice', 'end', a.end, 1),
      requireFloat('slice', x, 0),
      requireMinRank('slice', x, 1, 'a tensor with a feature axis [..., D]', 0),
    );
    if (bad) return bad;
    const d = x.shape[x.shape.length - 1];
    if (a.end <= a.start || (typeof d === 'number' && a.end > d)) {
      return shapeError(
        'dim',
        `slice [${a.start}:${a.end}] needs 0 <= start < end <= the last dim; got ${describe(x)}`,
        0,
      );
    }
    return [{ dtype: 'float32', shape: withLast(x.shape, a.end - a.start) }];
  },
});

/** Catalogue entry for `constant` (see OpAttrs['constant']). */
export const constant = defineOp('constant', {
  traits: ROW_WISE,
  minInputs: 0,
  maxInputs: 0,
  infer(_inputs, a) {
    if (typeof a.value !== 'number' || !Number.isFinite(a.value)) {
      return shapeError(
        'attr',
        `constant needs a finite number; got ${JSON.stringify(a.value) ?? 'nothing'}`,
      );
    }
    return [{ dtype: 'float32', shape: [] }];
  },
});

/** Catalogue entry for `param` (see OpAttrs['param']). */
export const param = defineOp('param', {
  traits: ROW_WISE,
  minInputs: 0,
  maxInputs: 0,
  infer(_inputs, a, ctx) {
    if (typeof a.name !== 'string') {
      return shapeError(
        'attr',
        `param needs a parameter name; got ${JSON.stringify(a.name) ?? 'nothing'}`,
      );
    }
    const shape = ctx?.paramShape?.(a.name);
    if (!shape) return shapeError('attr', `param reads an unknown parameter "${a.name}"`);
    return [{ dtype: 'float32', shape: [...shape] }];
  },
});
