/** Gradients of the unary and broadcasting binary kernels the lowering uses. */
import type { GradConfig } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import { asFloat, reduceTo, saved, single } from './util.js';

/** Unary kernels: d/dx written with the saved input (x) or output (y). */
export function unaryGradients(tf: Tf): GradConfig[] {
  return [
    {
      kernelName: 'Tanh',
      outputsToSave: [true],
      gradFunc: (dy, s) => ({
        x: () => tf.mul(single(dy), tf.sub(1, tf.square(saved(s, 0)))),
      }),
    },
    {
      kernelName: 'Sigmoid',
      outputsToSave: [true],
      gradFunc: (dy, s) => {
        const y = saved(s, 0);
        return { x: () => tf.mul(single(dy), tf.mul(y, tf.sub(1, y))) };
      },
    },
    {
      kernelName: 'Relu',
      inputsToSave: ['x'],
      // step(x) is 1 where x > 0, else 0: one kernel instead of greater + cast.
      gradFunc: (dy, s) => ({ x: () => tf.mul(single(dy), tf.step(saved(s, 0))) }),
    },
    {
      kernelName: 'Exp',
      outputsToSave: [true],
      gradFunc: (dy, s) => ({ x: () => tf.mul(single(dy), saved(s, 0)) }),
    },
    {
      kernelName: 'Log',
      inputsToSave: ['x'],
      gradFunc: (dy, s) => ({ x: () => tf.div(single(dy), tf.cast(saved(s, 0), 'float32')) }),
    },
    { kernelName: 'Neg', gradFunc: (dy) => ({ x: () => tf.neg(single(dy)) }) },
    {
      kernelName: 'Square',
      inputsToSave: ['x'],
      gradFunc: (dy, s) => ({ x: () => tf.mul(single(dy), tf.mul(saved(s, 0), 2)) }),
    },
    {
      kernelName: 'Sqrt',
      outputsToSave: [true],
      gradFunc: (dy, s) => ({ x: () => tf.div(single(dy), tf.mul(saved(s, 0), 2)) }),
    },
    {
      // d/dx x^-1/2 = -1/2 x^-3/2 = -1/2 y^3
      kernelName: 'Rsqrt',
      outputsToSave: [true],
      gradFunc: (dy, s) => {
        const y = saved(s, 0);
        return { x: () => tf.mul(single(dy), tf.mul(tf.mul(tf.square(y), y), -0.5)) };
      },
    },
    // Shape-only kernels: their value does not depend on x.
    { kernelName: 'OnesLike', gradFunc: (dy) => ({ x: () => tf.zerosLike(single(dy)) }) },
    { kernelName: 'ZerosLike', gradFunc: (dy) => ({ x: () => tf.zerosLike(single(dy)) }) },
    {
      kernelName: 'Erf',
      inputsToSave: ['x'],
      gradFunc: (dy, s) => ({
        x: () =>
          tf.mul(
            single(dy),
            tf.mul(tf.exp(tf.neg(tf.square(saved(s, 0)))), 2 / Math.sqrt(Math.PI)),
          ),
      }),
    },
  ];
}

/** Binary kernels with numpy broadcasting: each gradient is summed back to its input's shape. */
export function binaryGradients(tf: Tf): GradConfig[] {
  const both: GradConfig['inputsToSave'] = ['a', 'b'];
  return [
    {
      kernelName: 'Add',
      inputsToSave: both,
      gradFunc: (dy, s) => ({
        a: () => reduceTo(tf, single(dy), saved(s, 0).shape),
        b: () => reduceTo(tf, single(dy), saved(s, 1).shape),
      }),
    },
    {
      kernelName: 'Sub',
      inputsToSave: both,
      gradFunc: (dy, s) => ({
        a: () => reduceTo(tf, single(dy), saved(s, 0).shape),
        b: () => reduceTo(tf, tf.neg(single(dy)), saved(s, 1).shape),
      }),
    },
    {
      kernelName: 'Multiply',
      inputsToSave: both,
      gradFunc: (dy, s) => {
        const [a, b] = [saved(s, 0), saved(s, 1)];
        return {
          a: () => reduceTo(tf, tf.mul(single(dy), asFloat(tf, b)), a.shape),
          b: () => reduceTo(tf, tf.mul(single(dy), asFloat(tf, a)), b.shape),
        };
      },
    },
    {
      kernelName: 'RealDiv',
      inputsToSave: both,
      gradFunc: (dy, s) => {
        const [a, b] = [saved(s, 0), saved(s, 1)];
        return {
          a: () => reduceTo(tf, tf.div(single(dy), b), a.shape),
          b: () => reduceTo(tf, tf.neg(tf.div(tf.mul(single(dy), a), tf.square(b))), b.shape),
        };
      },
    },
    {
      // Ties send the gradient to a (as tfjs does).
      kernelName: 'Maximum',
      inputsToSave: both,
      gradFunc: (dy, s) => {
        const [a, b] = [saved(s, 0), saved(s, 1)];
        return {
          a: () =>
            reduceTo(tf, tf.mul(single(dy), tf.cast(tf.greaterEqual(a, b), 'float32')), a.shape),
          b: () => reduceTo(tf, tf.mul(single(dy), tf.cast(tf.less(a, b), 'float32')), b.shape),
        };
      },
    },
    {
      kernelName: 'Select',
      inputsToSave: ['condition'],
      gradFunc: (dy, s) => {
        const cond = saved(s, 0);
        const g = single(dy);
        return {
          condition: () => tf.cast(tf.zerosLike(cond), 'float32'),
          t: () => tf.mul(g, tf.cast(cond, 'float32')),
          e: () => tf.mul(g, tf.sub(1, tf.cast(cond, 'float32'))),
        };
      },
    },
  ];
}
