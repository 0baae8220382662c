/** Helpers shared by the gradient definitions. */
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** A kernel's single upstream gradient (tfjs passes an array only for multi-output kernels). */
export function single(dy: Tensor | Tensor[]): Tensor {
  const t = Array.isArray(dy) ? dy[0] : dy;
  if (t === undefined) throw new Error('gradient: missing upstream gradient');
  return t;
}

/** The i-th saved tensor, which the kernel's config promised to save. */
export function saved(list: Tensor[], i: number): Tensor {
  const t = list[i];
  if (t === undefined) throw new Error(`gradient: saved tensor ${i} missing`);
  return t;
}

/** Sums a broadcast gradient back down to `shape` (numpy broadcasting in reverse). */
export function reduceTo(tf: Tf, dy: Tensor, shape: readonly number[]): Tensor {
  const axes = tf.backend_util.getReductionAxes([...shape], dy.shape);
  const summed = axes.length > 0 ? tf.sum(dy, axes) : dy;
  return tf.reshape(summed, [...shape]);
}

/** Reads a numeric-array attribute (tfjs stores some as a bare number). */
export function numbers(attrs: NamedAttrMap, key: string): number[] {
  const v: unknown = attrs[key];
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  throw new Error(`gradient: attribute ${key} is not numeric`);
}

/** Reduction axes, normalised; a null/absent attribute means every axis (tfjs convention). */
export function reductionAxes(attrs: NamedAttrMap, key: string, rank: number): number[] {
  const v: unknown = attrs[key];
  if (v === null || v === undefined) return Array.from({ length: rank }, (_, i) => i);
  return axesFor(numbers(attrs, key), rank);
}

/** Reads a boolean attribute. */
export function flag(attrs: NamedAttrMap, key: string): boolean {
  return attrs[key] === true;
}

/** Normalises possibly negative axes for a tensor of rank `rank`. */
export function axesFor(axes: readonly number[], rank: number): number[] {
  return axes.map((a) => (a < 0 ? a + rank : a));
}

/** The dy of a reduction reshaped to the input's rank (reduced axes kept as size 1). */
export function keepDims(tf: Tf, dy: Tensor, xShape: readonly number[], axes: number[]): Tensor {
  const shape = xShape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.reshape(dy, shape);
}

/**
 * `t` as float32 without a copy when it already is one: on wasm a same-type Cast is a full
 * copy, and the Multiply gradient runs one per product per step.
 */
export function asFloat(tf: Tf, t: Tensor): Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

/** A new handle on `t`'s data (a Reshape shares it): a gradient may not return `dy` itself. */
export function passThrough(tf: Tf, t: Tensor): Tensor {
  return t.dtype === 'float32' ? tf.reshape(t, t.shape) : tf.cast(t, 'float32');
}
