/** Gradient clipping with PyTorch semantics, computed on the device. */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** Clipped gradients plus the statistics the trainer reports. */
export interface ClipResult {
  /** Global L2 norm before clipping (scalar). */
  readonly norm: Tensor;
  /** Largest |g| after norm clipping, before value clipping (scalar); null without `clipValue`. */
  readonly maxAbs: Tensor | null;
  readonly grads: Tensor[];
}

/**
 * clip_grad_norm_: g *= min(1, max_norm / (norm + 1e-6)); then clip_grad_value_ if asked.
 * Call inside a tidy; the returned tensors belong to that scope.
 */
export function clipGradients(
  tf: Tf,
  grads: readonly Tensor[],
  clipNorm?: number,
  clipValue?: number,
): ClipResult {
  const squares = grads.map((g) => tf.sum(tf.square(g)));
  const norm = tf.sqrt(squares.length === 0 ? tf.scalar(0) : tf.addN(squares));
  let clipped = [...grads];
  if (clipNorm !== undefined) {
    const coef = tf.minimum(tf.div(clipNorm, tf.add(norm, 1e-6)), 1);
    clipped = clipped.map((g) => tf.mul(g, coef));
  }
  if (clipValue === undefined) return { norm, maxAbs: null, grads: clipped };
  // Only when clipping by value: 2 kernels per parameter, each a draw call on webgl.
  const maxAbs =
    clipped.length === 0 ? tf.scalar(0) : tf.max(tf.stack(clipped.map((g) => tf.max(tf.abs(g)))));
  clipped = clipped.map((g) => tf.clipByValue(g, -clipValue, clipValue));
  return { norm, maxAbs, grads: clipped };
}
