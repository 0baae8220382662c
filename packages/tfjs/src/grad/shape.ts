/** Gradients of the layout kernels: reshape, transpose, slice, pad, concat, split, stack, unstack. */
import type { GradConfig, GradFunc, Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import { axesFor, numbers, passThrough, saved, single } from './util.js';

type NamedGradientMap = ReturnType<GradFunc>;

/** Reshape and transpose keep every value; the gradient restores the input's layout. */
function reorderGradients(tf: Tf): GradConfig[] {
  return [
    {
      kernelName: 'Reshape',
      inputsToSave: ['x'],
      gradFunc: (dy, s) => ({ x: () => tf.reshape(single(dy), saved(s, 0).shape) }),
    },
    {
      kernelName: 'Transpose',
      gradFunc: (dy, _s, attrs) => {
        const perm = numbers(attrs, 'perm');
        const inverse = perm.map((_, i) => perm.indexOf(i));
        return { x: () => tf.transpose(single(dy), inverse) };
      },
    },
  ];
}

/** Slice and pad are each other's inverse: a slice's gradient pads, a pad's slices. */
function windowGradients(tf: Tf): GradConfig[] {
  return [
    {
      kernelName: 'Slice',
      inputsToSave: ['x'],
      gradFunc: (dy, s, attrs) => {
        const x = saved(s, 0);
        const g = single(dy);
        const begin = numbers(attrs, 'begin');
        const paddings = x.shape.map((d, i): [number, number] => {
          const b = begin[i] ?? 0;
          return [b, d - b - (g.shape[i] ?? 0)];
        });
        return { x: () => tf.pad(g, paddings) };
      },
    },
    {
      kernelName: 'PadV2',
      inputsToSave: ['x'],
      gradFunc: (dy, s, attrs) => {
        const x = saved(s, 0);
        const raw: unknown = attrs['paddings'];
        const paddings = Array.isArray(raw) ? (raw as [number, number][]) : [];
        const begin = x.shape.map((_, i) => paddings[i]?.[0] ?? 0);
        return { x: () => tf.slice(single(dy), begin, x.shape) };
      },
    },
  ];
}

/** Concat and split, stack and unstack, are pairs: each one's gradient is the other. */
function joinGradients(tf: Tf): GradConfig[] {
  return [
    {
      kernelName: 'Concat',
      saveAllInputs: true,
      gradFunc: (dy, s, attrs) => {
        const g = single(dy);
        const first = saved(s, 0);
        const axis = axesFor(numbers(attrs, 'axis'), first.rank)[0] ?? 0;
        const out: NamedGradientMap = {};
        let offset = 0;
        s.forEach((x, i) => {
          const begin = x.shape.map((_, k) => (k === axis ? offset : 0));
          offset += x.shape[axis] ?? 0;
          out[i] = () => tf.slice(g, begin, x.shape);
        });
        return out;
      },
    },
    {
      kernelName: 'Pack',
      saveAllInputs: true,
      gradFunc: (dy, s, attrs) => {
        const rank = (saved(s, 0).rank ?? 0) + 1;
        const axis = axesFor(numbers(attrs, 'axis'), rank)[0] ?? 0;
        const parts = tf.unstack(single(dy), axis);
        const out: NamedGradientMap = {};
        parts.forEach((p, i) => {
          out[i] = () => p;
        });
        return out;
      },
    },
    {
      kernelName: 'Unpack',
      gradFunc: (dy, _s, attrs) => {
        const dys: Tensor[] = Array.isArray(dy) ? dy : [dy];
        const axis = numbers(attrs, 'axis')[0] ?? 0;
        return { value: () => tf.stack(dys, axis) };
      },
    },
    {
      kernelName: 'SplitV',
      inputsToSave: ['x'],
      gradFunc: (dy, s, attrs) => {
        const x = saved(s, 0);
        const dys: Tensor[] = Array.isArray(dy) ? dy : [dy];
        const axis = axesFor(numbers(attrs, 'axis'), x.rank)[0] ?? 0;
        return { x: () => tf.concat(dys, axis) };
      },
    },
  ];
}

/** Cast and identity pass the gradient through (as float32, on a new handle). */
function identityGradients(tf: Tf): GradConfig[] {
  return [
    {
      kernelName: 'Cast',
      gradFunc: (dy) => ({ x: () => passThrough(tf, single(dy)) }),
    },
    {
      kernelName: 'Identity',
      gradFunc: (dy) => ({ x: () => passThrough(tf, single(dy)) }),
    },
  ];
}

/** Layout kernels move values around; their gradients move them back. */
export function shapeGradients(tf: Tf): GradConfig[] {
  return [
    ...reorderGradients(tf),
    ...windowGradients(tf),
    ...joinGradients(tf),
    ...identityGradients(tf),
  ];
}
