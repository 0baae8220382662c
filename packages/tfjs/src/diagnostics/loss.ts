/**
 * The loss the diagnostics differentiate. It is a SUM over the examples of each example's
 * own loss, so every row of dL/dh_t is one sequence's gradient, unscaled by the batch size:
 * norms then read the same for a batch of 1 or of 64 (and the scalar example gives exactly
 * w^(T−t)).
 *
 * - `projection` (no targets): `<r, y>` with r a fixed random unit vector over the output's
 *   features: at the last real step (`last`) or summed over every real step (`every`).
 *   (`first`: at step 1, where a reverse direction's recurrence ends.)
 * - `train`: the training loss per example: at the last real step, or averaged over the
 *   example's real steps as training does (`every`). Per-sequence targets are one term.
 */
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { sequenceMask, stepPick } from '../lower/masks.js';
import { createRng } from '../rng.js';
import { tokenNll } from '../train/losses.js';
import type { Tf } from '../types.js';
import type { DiagnosticLoss, LossAt } from './types.js';

/** `[B, T]` float weights: the last real step of each row (`last`) or every real step. */
export function stepWeights(
  tf: Tf,
  batch: number,
  steps: number,
  lengths: Tensor | undefined,
  at: LossAt | 'first',
): Tensor {
  const lens = lengths === undefined ? tf.fill([batch], steps, 'int32') : tf.cast(lengths, 'int32');
  if (at === 'last') return stepPick(tf, tf.sub(lens, tf.scalar(1, 'int32')), steps);
  if (at === 'first') return stepPick(tf, tf.zerosLike(lens), steps);
  return sequenceMask(tf, lens, steps);
}

/** A seeded random unit vector of length `n` (±1/√n: any width gets unit norm). */
export function projection(tf: Tf, n: number, seed: number): Tensor {
  const rng = createRng(seed);
  const values = Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1) / Math.sqrt(n));
  return tf.tensor1d(values, 'float32');
}

/** Σ_t w_bt x_bt over time, then a sum over examples of per-example means when `mean`. */
function perExample(tf: Tf, perStep: Tensor, weights: Tensor, mean: boolean): Tensor {
  const summed = tf.sum(tf.mul(perStep, weights), 1);
  return tf.sum(mean ? tf.div(summed, tf.maximum(tf.sum(weights, 1), 1)) : summed);
}

/**
 * The diagnostic loss of output `y` (`[B, D]` or `[B, T, ...]`). `outputLengths`: the
 * lengths of y's time axis, if any. Call inside a tape (tf.variableGrads).
 */
export function diagnosticLoss(
  tf: Tf,
  y: Tensor,
  spec: DiagnosticLoss,
  at: LossAt | 'first',
  outputLengths: Tensor | undefined,
  seed: number,
): Scalar {
  const [batch = 0, steps = 0] = y.shape;
  if (spec.kind === 'projection') {
    const width = y.shape[y.rank - 1] ?? 1;
    const r = projection(tf, width, seed);
    const dot = tf.sum(tf.mul(y, r), -1); // [B] or [B, T, ...]
    if (dot.rank === 1) return tf.sum(dot) as Scalar;
    const perStep = dot.rank === 2 ? dot : tf.sum(tf.reshape(dot, [batch, steps, -1]), 2);
    return perExample(
      tf,
      perStep,
      stepWeights(tf, batch, steps, outputLengths, at),
      false,
    ) as Scalar;
  }
  const lengths = spec.targetLengths ?? outputLengths;
  if (spec.loss === 'cross_entropy') {
    const nll = tokenNll(tf, y, spec.targets); // [B] or [B, T]
    if (nll.rank === 1) return tf.sum(nll) as Scalar;
    return perExample(
      tf,
      nll,
      stepWeights(tf, batch, steps, lengths, at),
      at === 'every',
    ) as Scalar;
  }
  const targets =
    spec.targets.size === y.size
      ? tf.reshape(tf.cast(spec.targets, 'float32'), y.shape)
      : spec.targets;
  const sq = tf.square(tf.sub(y, targets));
  // Per-sequence values [B, W]: the mean over W for each example.
  if (sq.rank <= 2) return tf.sum(sq.rank === 2 ? tf.mean(sq, 1) : sq) as Scalar;
  const perStep = tf.mean(tf.reshape(sq, [batch, steps, -1]), 2);
  return perExample(
    tf,
    perStep,
    stepWeights(tf, batch, steps, lengths, at),
    at === 'every',
  ) as Scalar;
}
