/** Gradients of reductions, softmax and matrix products. */
import type { GradConfig } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import {
  axesFor,
  flag,
  keepDims,
  numbers,
  reduceTo,
  reductionAxes,
  saved,
  single,
} from './util.js';

/** Sum, mean and max over axes; softmax over the last axis; batched matmul. */
export function reduceGradients(tf: Tf): GradConfig[] {
  return [
    {
      kernelName: 'Sum',
      inputsToSave: ['x'],
      gradFunc: (dy, s, attrs) => {
        const x = saved(s, 0);
        const axes = reductionAxes(attrs, 'axis', x.rank);
        return { x: () => tf.mul(keepDims(tf, single(dy), x.shape, axes), tf.ones(x.shape)) };
      },
    },
    {
      kernelName: 'Mean',
      inputsToSave: ['x'],
      gradFunc: (dy, s, attrs) => {
        const x = saved(s, 0);
        const axes = reductionAxes(attrs, 'axis', x.rank);
        const count = axes.reduce((n, a) => n * (x.shape[a] ?? 1), 1);
        return {
          x: () => tf.mul(keepDims(tf, single(dy), x.shape, axes), tf.fill(x.shape, 1 / count)),
        };
      },
    },
    {
      // Every element equal to the max receives the gradient (tfjs semantics).
      kernelName: 'Max',
      inputsToSave: ['x'],
      outputsToSave: [true],
      gradFunc: (dy, s, attrs) => {
        const [x, y] = [saved(s, 0), saved(s, 1)];
        const axes = reductionAxes(attrs, 'reductionIndices', x.rank);
        return {
          x: () => {
            const mask = tf.cast(tf.equal(x, keepDims(tf, y, x.shape, axes)), 'float32');
            return tf.mul(keepDims(tf, single(dy), x.shape, axes), mask);
          },
        };
      },
    },
    {
      kernelName: 'Softmax',
      outputsToSave: [true],
      gradFunc: (dy, s, attrs) => {
        const y = saved(s, 0);
        const g = single(dy);
        const dim = axesFor(numbers(attrs, 'dim'), y.rank)[0] ?? y.rank - 1;
        return { logits: () => tf.mul(y, tf.sub(g, tf.sum(tf.mul(g, y), dim, true))) };
      },
    },
    {
      kernelName: 'BatchMatMul',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, s, attrs) => {
        const [a, b] = [saved(s, 0), saved(s, 1)];
        const g = single(dy);
        const ta = flag(attrs, 'transposeA');
        const tb = flag(attrs, 'transposeB');
        // The four transpose cases of d(A·B); batch dims broadcast, so sum them back.
        const da = (): ReturnType<Tf['matMul']> =>
          ta ? tf.matMul(b, g, tb, true) : tf.matMul(g, b, false, !tb);
        const db = (): ReturnType<Tf['matMul']> =>
          tb ? tf.matMul(g, a, true, ta) : tf.matMul(a, g, !ta, false);
        return { a: () => reduceTo(tf, da(), a.shape), b: () => reduceTo(tf, db(), b.shape) };
      },
    },
  ];
}
