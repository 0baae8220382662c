/**
 * Metrics: accuracy, token accuracy (padding ignored), perplexity (exp of the mean token
 * cross-entropy), for token-id sequences exact-match word accuracy and the edit-distance
 * error rate (phoneme / character error rate), and for regression mse, mae, rmse and r2.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import { squaredErrors, targetMask, tokenNll } from './losses.js';

/**
 * Metric names `Trainer.evaluate` understands (the compiler's list). The two error rates are
 * the same edit-distance rate over token ids; the name says what the tokens are.
 */
export type MetricName =
  | 'loss'
  | 'accuracy'
  | 'token_accuracy'
  | 'perplexity'
  | 'word_accuracy'
  | 'phoneme_error_rate'
  | 'character_error_rate'
  | 'mse'
  | 'mae'
  | 'rmse'
  | 'r2';

/** Levenshtein distance (unit costs) between two id sequences. */
export function editDistance(a: readonly number[], b: readonly number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(sub, (prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Total edit distance over total reference length (PER / CER). */
export function editErrorRate(
  predictions: readonly (readonly number[])[],
  references: readonly (readonly number[])[],
) {
  let edits = 0;
  let length = 0;
  references.forEach((ref, i) => {
    edits += editDistance(predictions[i] ?? [], ref);
    length += ref.length;
  });
  return length === 0 ? 0 : edits / length;
}

/** Fraction of sequences predicted exactly. */
export function wordAccuracy(
  predictions: readonly (readonly number[])[],
  references: readonly (readonly number[])[],
) {
  if (references.length === 0) return 0;
  const hits = references.filter((ref, i) => {
    const p = predictions[i] ?? [];
    return p.length === ref.length && p.every((v, k) => v === ref[k]);
  }).length;
  return hits / references.length;
}

/**
 * An evaluation's outcome: the metrics, or, when the model produced a non-finite output
 * (NaN or ±Infinity, e.g. after training diverged), how many such values there were, so
 * no accuracy is ever reported for a model that cannot be trusted.
 */
export type Scores =
  | { readonly ok: true; readonly metrics: Record<string, number> }
  | { readonly ok: false; readonly nonFinite: number; readonly values: number };

/** Running sums over evaluation batches. */
export class MetricAccumulator {
  private lossSum = 0;
  private lossCount = 0;
  private correct = 0;
  private total = 0;
  private nllSum = 0;
  /** Regression sums over real target elements: |error|, target, target squared. */
  private absSum = 0;
  private ySum = 0;
  private ySqSum = 0;
  private nonFiniteValues = 0;
  private outputValues = 0;
  private predictions: number[][] = [];
  private references: number[][] = [];

  constructor(
    private readonly tf: Tf,
    private readonly loss: 'cross_entropy' | 'mse',
    private readonly wantSequences: boolean,
  ) {}

  /** Adds one batch: the model output and its targets. */
  add(output: Tensor, targets: Tensor, targetLengths?: Tensor): void {
    const { tf } = this;
    const classify = this.loss === 'cross_entropy';
    const stats = tf.tidy(() => {
      // Counted in the same read-back: argMax of NaN logits picks class 0, which would
      // otherwise pass for a prediction.
      const bad = tf.sum(tf.cast(tf.logicalNot(tf.isFinite(output)), 'float32'));
      if (!classify) {
        const { sq, weight } = squaredErrors(tf, output, targets, targetLengths);
        const y =
          targets.size === output.size
            ? tf.reshape(tf.cast(targets, 'float32'), output.shape)
            : tf.cast(targets, 'float32');
        const abs = tf.mul(tf.abs(tf.sub(output, y)), weight);
        const yw = tf.mul(y, weight);
        return tf.stack([
          tf.sum(sq),
          tf.sum(weight),
          tf.sum(abs),
          tf.sum(yw),
          tf.sum(tf.mul(yw, y)),
          bad,
        ]);
      }
      const nll = tokenNll(tf, output, targets);
      const mask =
        nll.rank === 1
          ? tf.onesLike(nll)
          : targetMask(tf, nll.shape[0] ?? 0, nll.shape[1] ?? 0, targetLengths);
      const hit = tf.cast(tf.equal(tf.argMax(output, -1), tf.cast(targets, 'int32')), 'float32');
      const nllSum = tf.sum(tf.mul(nll, mask));
      const count = tf.sum(mask);
      return tf.stack([nllSum, count, tf.sum(tf.mul(hit, mask)), count, nllSum, bad]);
    });
    const [lossSum = 0, lossCount = 0, correct = 0, total = 0, nllSum = 0, bad = 0] =
      stats.dataSync();
    stats.dispose();
    this.nonFiniteValues += bad;
    this.outputValues += output.size;
    this.lossSum += lossSum;
    this.lossCount += lossCount;
    if (classify) {
      this.correct += correct;
      this.total += total;
      this.nllSum += nllSum;
    } else {
      // The same three slots carry |error|, sum y and sum y^2 under MSE.
      this.absSum += correct;
      this.ySum += total;
      this.ySqSum += nllSum;
    }
    if (classify && this.wantSequences && output.rank === 3)
      this.addSequences(output, targets, targetLengths);
  }

  private addSequences(output: Tensor, targets: Tensor, targetLengths?: Tensor): void {
    const { tf } = this;
    const predicted = tf.tidy(() => tf.argMax(output, -1));
    const pred = predicted.arraySync() as number[][];
    predicted.dispose();
    const refs = targets.arraySync() as number[][];
    const lens = targetLengths === undefined ? null : Array.from(targetLengths.dataSync());
    refs.forEach((ref, b) => {
      const n = lens?.[b] ?? ref.length;
      this.references.push(ref.slice(0, n));
      this.predictions.push((pred[b] ?? []).slice(0, n));
    });
  }

  /** The requested metrics, or the count of non-finite outputs when there were any. */
  scores(names: readonly MetricName[]): Scores {
    if (this.nonFiniteValues > 0) {
      return { ok: false, nonFinite: this.nonFiniteValues, values: this.outputValues };
    }
    return { ok: true, metrics: this.result(names) };
  }

  /** A regression metric over every real target element (r2 pools all target values). */
  private regression(name: 'mse' | 'mae' | 'rmse' | 'r2'): number {
    const n = this.lossCount;
    if (n === 0) return NaN;
    const mse = this.lossSum / n;
    switch (name) {
      case 'mse':
        return mse;
      case 'mae':
        return this.absSum / n;
      case 'rmse':
        return Math.sqrt(mse);
      case 'r2': {
        const variance = this.ySqSum / n - (this.ySum / n) ** 2;
        return variance > 0 ? 1 - mse / variance : NaN;
      }
    }
  }

  /**
   * The requested metrics (NaN where a metric does not apply, e.g. accuracy under MSE, and
   * every metric NaN when an output was not finite: see {@link scores}).
   */
  result(names: readonly MetricName[]): Record<string, number> {
    const broken = this.nonFiniteValues > 0;
    const ce = this.loss === 'cross_entropy';
    const out: Record<string, number> = {};
    for (const name of names) {
      switch (name) {
        case 'loss':
          out[name] = this.lossCount === 0 ? NaN : this.lossSum / this.lossCount;
          break;
        case 'accuracy':
        case 'token_accuracy':
          out[name] = ce && this.total > 0 ? this.correct / this.total : NaN;
          break;
        case 'perplexity':
          out[name] = ce && this.total > 0 ? Math.exp(this.nllSum / this.total) : NaN;
          break;
        case 'word_accuracy':
          out[name] =
            this.references.length > 0 ? wordAccuracy(this.predictions, this.references) : NaN;
          break;
        case 'phoneme_error_rate':
        case 'character_error_rate':
          out[name] =
            this.references.length > 0 ? editErrorRate(this.predictions, this.references) : NaN;
          break;
        case 'mse':
        case 'mae':
        case 'rmse':
        case 'r2':
          out[name] = ce ? NaN : this.regression(name);
          break;
      }
    }
    if (broken) for (const k of Object.keys(out)) out[k] = NaN;
    return out;
  }
}
