/** Padding masks from sequence lengths. */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** `[B, T]` float32: 1 where step t < length, 0 on padding. */
export function sequenceMask(tf: Tf, lengths: Tensor, steps: number): Tensor {
  const lens = tf.reshape(lengths.dtype === 'int32' ? lengths : tf.cast(lengths, 'int32'), [-1, 1]);
  const range = tf.reshape(tf.range(0, steps, 1, 'int32'), [1, steps]);
  return tf.cast(tf.less(range, lens), 'float32');
}

/**
 * `[B, T]` float32: 1 at step `index[b]` of each row, 0 elsewhere (none for an index outside
 * 0..T-1). A comparison with a range rather than tf.oneHot, which refuses a depth of 1 (T = 1).
 */
export function stepPick(tf: Tf, index: Tensor, steps: number): Tensor {
  const at = tf.reshape(index.dtype === 'int32' ? index : tf.cast(index, 'int32'), [-1, 1]);
  const range = tf.reshape(tf.range(0, steps, 1, 'int32'), [1, steps]);
  return tf.cast(tf.equal(range, at), 'float32');
}

/**
 * Per-step masks for a time loop: `keep[t]` is `[B, 1]` (1 = real step) and `hold[t]` its
 * complement. Blending as keep*new + hold*old is exact (no rounding) for 0/1 masks.
 */
export interface StepMasks {
  readonly keep: readonly Tensor[];
  readonly hold: readonly Tensor[];
}

/** Splits a length mask into per-step `[B, 1]` masks; null lengths mean no masking. */
export function stepMasks(tf: Tf, lengths: Tensor | null, steps: number): StepMasks | null {
  if (lengths === null) return null;
  const mask = sequenceMask(tf, lengths, steps); // [B, T]
  const keep = tf.unstack(tf.expandDims(mask, 2), 1);
  const hold = tf.unstack(tf.expandDims(tf.sub(1, mask), 2), 1);
  return { keep, hold };
}

/** `keep * next + hold * prev`, broadcasting a `[B, 1]` mask over any trailing shape. */
export function blend(tf: Tf, keep: Tensor, hold: Tensor, next: Tensor, prev: Tensor): Tensor {
  const k = next.rank === 2 ? keep : tf.reshape(keep, [-1, ...next.shape.slice(1).map(() => 1)]);
  const h = next.rank === 2 ? hold : tf.reshape(hold, [-1, ...next.shape.slice(1).map(() => 1)]);
  return tf.add(tf.mul(k, next), tf.mul(h, prev));
}

/** `keep * y`: padded steps emit zeros. */
export function maskStep(tf: Tf, keep: Tensor, y: Tensor): Tensor {
  const k = y.rank === 2 ? keep : tf.reshape(keep, [-1, ...y.shape.slice(1).map(() => 1)]);
  return tf.mul(k, y);
}
