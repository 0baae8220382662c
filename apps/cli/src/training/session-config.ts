/** From a checked `train` block to the options of a training session. */
import type { TrainSpec } from '@seqlab/compiler';
import type { MetricName, SessionOptions } from '@seqlab/tfjs';

/** Metrics that fit the data set's task when the train block names none. */
export function defaultMetrics(task: string): MetricName[] {
  switch (task) {
    case 'classify':
      return ['accuracy'];
    case 'tag':
      return ['token_accuracy'];
    case 'seq2seq':
      return ['token_accuracy', 'word_accuracy'];
    case 'lm':
      return ['perplexity'];
    case 'regress':
      return ['mse', 'mae', 'rmse', 'r2'];
    default:
      return [];
  }
}

/** The trainer's view of the spec; the cosine schedule needs the total number of steps. */
export function trainOptions(spec: TrainSpec, totalSteps: number): SessionOptions['train'] {
  const o = spec.optimizer;
  const schedule =
    spec.schedule.kind === 'cosine'
      ? { kind: 'cosine' as const, warmup: spec.schedule.warmup, total: totalSteps }
      : spec.schedule;
  return {
    optimizer: {
      kind: o.kind,
      lr: o.lr,
      momentum: o.momentum,
      beta1: o.beta1,
      beta2: o.beta2,
      eps: o.eps,
      weightDecay: o.weightDecay,
    },
    schedule,
    ...(spec.clipNorm !== undefined ? { clipNorm: spec.clipNorm } : {}),
    ...(spec.clipValue !== undefined ? { clipValue: spec.clipValue } : {}),
    ...(spec.tbptt !== undefined ? { tbptt: spec.tbptt } : {}),
  };
}
