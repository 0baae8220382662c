/**
 * Baselines a trained model should beat, computed in plain JS from the data set: for
 * regression, predicting the train mean and (where the input is a series of the target's
 * width) the last input value; for class, tag and token targets, the train split's
 * majority class, with the cross-entropy of the train class frequencies.
 */
import type { Example, FieldSpec, SequenceDataset } from '@seqlab/data';
import type { DataBinding } from '@seqlab/tfjs';

/** One baseline's scores on a split, keyed like the model's metrics. */
export interface Baseline {
  readonly name: string;
  readonly split: 'test';
  readonly metrics: Record<string, number>;
}

/** A target as rows of numbers: `[W]` per example, or `[T][W]` for per-step values. */
function rows(v: Example[string] | undefined): number[][] {
  if (v === undefined) return [];
  if (typeof v === 'number') return [[v]];
  return v.length > 0 && Array.isArray(v[0]) ? (v as number[][]) : [v as number[]];
}

/** mse and mae of `predict` over every target value of `examples`. */
function regressionScores(
  examples: Example[],
  target: string,
  predict: (ex: Example, step: number) => number[] | undefined,
): Record<string, number> | undefined {
  let sq = 0;
  let abs = 0;
  let n = 0;
  let ySum = 0;
  let ySq = 0;
  for (const ex of examples) {
    const ys = rows(ex[target]);
    for (let t = 0; t < ys.length; t++) {
      const p = predict(ex, ys.length === 1 ? -1 : t);
      if (!p) return undefined;
      (ys[t] ?? []).forEach((y, k) => {
        const e = (p[k] ?? NaN) - y;
        sq += e * e;
        abs += Math.abs(e);
        ySum += y;
        ySq += y * y;
        n++;
      });
    }
  }
  if (n === 0) return undefined;
  const variance = ySq / n - (ySum / n) ** 2;
  const r2 = variance > 0 ? 1 - sq / n / variance : NaN;
  return { loss: sq / n, mse: sq / n, mae: abs / n, rmse: Math.sqrt(sq / n), r2 };
}

function regressionBaselines(ds: SequenceDataset, b: DataBinding, tf: FieldSpec): Baseline[] {
  const width = tf.width ?? 1;
  const mean = new Array<number>(width).fill(0);
  let count = 0;
  for (const ex of ds.splits.train) {
    for (const row of rows(ex[b.target.field])) {
      row.forEach((y, k) => (mean[k] = (mean[k] ?? 0) + y));
      count++;
    }
  }
  const out: Baseline[] = [];
  const test = ds.splits.test;
  if (count > 0) {
    const m = mean.map((s) => s / count);
    const scores = regressionScores(test, b.target.field, () => m);
    if (scores) out.push({ name: 'predict the train mean', split: 'test', metrics: scores });
  }
  // The last value seen: the input's last step, or for per-step targets the current step.
  const input = ds.fields.find((f) => f.name === b.inputs[0]?.field);
  if (b.inputs.length === 1 && input?.kind === 'vectors' && input.width === width) {
    const field = input.name;
    const scores = regressionScores(test, b.target.field, (ex, step) => {
      const xs = rows(ex[field]);
      return step < 0 ? xs[xs.length - 1] : xs[step];
    });
    if (scores) out.push({ name: 'predict the last value', split: 'test', metrics: scores });
  }
  return out;
}

/** Ids of a categorical target: one per example, or one per step. */
function ids(v: Example[string] | undefined): number[] {
  if (typeof v === 'number') return [v];
  return Array.isArray(v) ? (v as number[]).filter((x) => typeof x === 'number') : [];
}

function majorityBaseline(ds: SequenceDataset, b: DataBinding, tf: FieldSpec): Baseline[] {
  const counts = new Map<number, number>();
  let total = 0;
  for (const ex of ds.splits.train) {
    for (const id of ids(ex[b.target.field])) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      total++;
    }
  }
  const top = [...counts].sort((a, c) => c[1] - a[1] || a[0] - c[0])[0];
  if (!top || total === 0) return [];
  const classes = Math.max(tf.vocab?.size ?? 0, ...counts.keys()) + 1;
  let hits = 0;
  let nll = 0;
  let n = 0;
  for (const ex of ds.splits.test) {
    for (const id of ids(ex[b.target.field])) {
      if (id === top[0]) hits++;
      // Add-one smoothing: a test class never seen in train costs log(total + classes).
      nll -= Math.log(((counts.get(id) ?? 0) + 1) / (total + classes));
      n++;
    }
  }
  if (n === 0) return [];
  const accuracy = tf.kind === 'class' ? 'accuracy' : 'token_accuracy';
  const label = tf.vocab?.tokenOf(top[0]) ?? String(top[0]);
  return [
    {
      name: `always "${label}" (the train majority)`,
      split: 'test',
      metrics: { loss: nll / n, [accuracy]: hits / n, perplexity: Math.exp(nll / n) },
    },
  ];
}

/** The baselines for `ds` scored on its test split (none when the test split is empty). */
export function baselines(ds: SequenceDataset, b: DataBinding): Baseline[] {
  const tf = ds.fields.find((f) => f.name === b.target.field);
  if (!tf || ds.splits.test.length === 0) return [];
  return b.loss === 'mse' ? regressionBaselines(ds, b, tf) : majorityBaseline(ds, b, tf);
}
