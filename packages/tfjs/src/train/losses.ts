/** Losses: softmax cross-entropy (stable, via logSoftmax) and MSE, masked per step. */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** `[B, T]` float32 weights: 1 on real target steps, 0 on padding (all 1 without lengths). */
export function targetMask(tf: Tf, batch: number, steps: number, lengths?: Tensor): Tensor {
  if (lengths === undefined) return tf.ones([batch, steps]);
  const lens = tf.reshape(tf.cast(lengths, 'int32'), [-1, 1]);
  return tf.cast(tf.less(tf.reshape(tf.range(0, steps, 1, 'int32'), [1, steps]), lens), 'float32');
}

/**
 * Negative log-likelihood of each target id, shaped like `targets`: logits `[B, C]` with
 * targets `[B]`, or logits `[B, T, C]` with targets `[B, T]`. Ids outside [0, C) (padding
 * markers such as -1) give 0.
 */
export function tokenNll(tf: Tf, logits: Tensor, targets: Tensor): Tensor {
  if (targets.rank !== logits.rank - 1) {
    throw new Error(
      `cross_entropy: targets rank ${targets.rank} does not fit logits [${logits.shape.join(', ')}]`,
    );
  }
  const classes = logits.shape[logits.rank - 1] ?? 0;
  const ids = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
  // ids == range rather than tf.oneHot, which refuses a single class (depth 1).
  const hit = tf.equal(tf.expandDims(ids, -1), tf.range(0, classes, 1, 'int32'));
  const picked = tf.mul(tf.cast(hit, 'float32'), tf.logSoftmax(logits));
  return tf.neg(tf.sum(picked, -1));
}

/** Mean cross-entropy over examples, or over real tokens for per-step targets. */
export function crossEntropy(
  tf: Tf,
  logits: Tensor,
  targets: Tensor,
  targetLengths?: Tensor,
): Tensor {
  const nll = tokenNll(tf, logits, targets);
  if (nll.rank === 1) return tf.mean(nll);
  const mask = targetMask(tf, nll.shape[0] ?? 0, nll.shape[1] ?? 0, targetLengths);
  return tf.div(tf.sum(tf.mul(nll, mask)), tf.maximum(tf.sum(mask), 1));
}

/** Squared error with the per-step mask broadcast over feature axes. */
export function squaredErrors(tf: Tf, pred: Tensor, targets: Tensor, targetLengths?: Tensor) {
  const aligned =
    targets.size === pred.size ? tf.reshape(tf.cast(targets, 'float32'), pred.shape) : targets;
  const sq = tf.square(tf.sub(pred, aligned));
  if (targetLengths === undefined || pred.rank < 2) return { sq, weight: tf.ones(sq.shape) };
  const mask = targetMask(tf, pred.shape[0] ?? 0, pred.shape[1] ?? 0, targetLengths);
  const weight = tf.mul(
    tf.reshape(mask, [...mask.shape, ...pred.shape.slice(2).map(() => 1)]),
    tf.ones(sq.shape),
  );
  return { sq: tf.mul(sq, weight), weight };
}

/** Mean squared error over real elements. */
export function meanSquaredError(
  tf: Tf,
  pred: Tensor,
  targets: Tensor,
  targetLengths?: Tensor,
): Tensor {
  const { sq, weight } = squaredErrors(tf, pred, targets, targetLengths);
  return tf.div(tf.sum(sq), tf.maximum(tf.sum(weight), 1));
}

/** The configured loss as a scalar. */
export function computeLoss(
  tf: Tf,
  kind: 'cross_entropy' | 'mse',
  output: Tensor,
  targets: Tensor,
  targetLengths?: Tensor,
): Tensor {
  return kind === 'cross_entropy'
    ? crossEntropy(tf, output, targets, targetLengths)
    : meanSquaredError(tf, output, targets, targetLengths);
}
