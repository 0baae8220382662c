/**
 * Padding in the explicit recurrence (explicit-recurrence.ts), time-major. A padded step
 * keeps the state it was given and emits zeros, exactly as the autodiff loop's
 * `keep * next + hold * prev` (lower/masks.ts), so the two paths agree to the last bit on
 * real steps; backward, the carried gradient of a padded row skips the cell and goes on.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** Per-step `[B, 1]` masks: `keep[t]` 1 on real rows, `hold[t]` its complement. */
export interface TimeMasks {
  /** `[T, B, 1]`, the whole mask. */
  readonly all: Tensor;
  readonly keep: readonly Tensor[];
  readonly hold: readonly Tensor[];
}

/** Splits a time-major `[T, B, 1]` 0/1 mask into per-step masks. */
export function timeMasks(tf: Tf, mask: Tensor): TimeMasks {
  return { all: mask, keep: tf.unstack(mask, 0), hold: tf.unstack(tf.sub(1, mask), 0) };
}

/** `keep * next + hold * prev` at step t: padded rows keep `prev`. */
export function blendSteps(tf: Tf, m: TimeMasks, t: number, next: Tensor, prev: Tensor): Tensor {
  return tf.add(tf.mul(m.keep[t] as Tensor, next), tf.mul(m.hold[t] as Tensor, prev));
}

/**
 * Zeros on padded steps of a time-major `[T + k, B, H]` tensor whose first T rows are steps
 * (the emitted sequence, or its gradient) and whose k last rows are final states (kept).
 */
export function maskEmitted(tf: Tf, m: TimeMasks, x: Tensor): Tensor {
  const steps = m.all.shape[0] ?? 0;
  const extra = (x.shape[0] ?? 0) - steps;
  if (extra === 0) return tf.mul(x, m.all);
  const ones = tf.ones([extra, m.all.shape[1] ?? 0, 1]);
  return tf.mul(x, tf.concat([m.all, ones], 0));
}

/** The carried gradients split at step t: the real rows' go into the cell, the padded rows' are held. */
export function passThrough(
  tf: Tf,
  m: TimeMasks,
  t: number,
  { carry, dc }: { readonly carry: Tensor; readonly dc: Tensor },
): {
  readonly carry: Tensor;
  readonly dc: Tensor;
  readonly held: { readonly carry: Tensor; readonly dc: Tensor };
} {
  const keep = m.keep[t] as Tensor;
  const hold = m.hold[t] as Tensor;
  return {
    carry: tf.mul(keep, carry),
    dc: tf.mul(keep, dc),
    held: { carry: tf.mul(hold, carry), dc: tf.mul(hold, dc) },
  };
}
