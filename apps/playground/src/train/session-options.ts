/**
 * From a compiled `train` block (and the user's changes in the Train panel) to the options
 * of a `TrainingSession`. The CLI will do the same mapping; it lives here until both share it.
 */
import type { TrainSpec } from '@seqlab/compiler';
import type { MetricName, OptimizerSpec, ScheduleSpec } from '@seqlab/tfjs';
import type { TrainOverrides } from '../state/playground-state.js';

/** What the playground's controls and the session need. */
export interface ResolvedTraining {
  readonly seed: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly optimizer: OptimizerSpec;
  readonly schedule?: ScheduleSpec;
  readonly clipNorm?: number;
  readonly clipValue?: number;
  readonly tbptt?: number;
  readonly metrics: readonly MetricName[];
}

const KNOWN_METRICS: readonly MetricName[] = [
  'loss',
  'accuracy',
  'token_accuracy',
  'perplexity',
  'word_accuracy',
  'phoneme_error_rate',
  'character_error_rate',
];

/** Defaults when a model has no train block (the compiler's defaults for one). */
export const DEFAULT_TRAINING: ResolvedTraining = {
  seed: 0,
  batchSize: 32,
  epochs: 10,
  optimizer: { kind: 'adam', lr: 1e-3 },
  metrics: [],
};

/**
 * Resolve the settings: the train block's (or defaults), then the user's overrides.
 * `stepsPerEpoch` fixes a cosine schedule's length (epochs × steps), which the block leaves
 * implicit.
 */
export function resolveTraining(
  spec: TrainSpec | undefined,
  overrides: TrainOverrides,
  stepsPerEpoch: number,
): ResolvedTraining {
  const base = spec ? fromSpec(spec) : DEFAULT_TRAINING;
  const epochs = overrides.epochs ?? base.epochs;
  const optimizer =
    overrides.lr !== undefined ? { ...base.optimizer, lr: overrides.lr } : base.optimizer;
  const schedule = spec
    ? scheduleOf(spec.schedule, epochs * Math.max(1, stepsPerEpoch))
    : undefined;
  const clipNorm = overrides.clipNorm ?? base.clipNorm;
  return {
    ...base,
    epochs,
    batchSize: overrides.batch ?? base.batchSize,
    optimizer,
    ...(schedule ? { schedule } : {}),
    ...(clipNorm !== undefined ? { clipNorm } : {}),
  };
}

function fromSpec(spec: TrainSpec): ResolvedTraining {
  const o = spec.optimizer;
  return {
    seed: spec.seed,
    batchSize: spec.batch,
    epochs: spec.epochs,
    optimizer: {
      kind: o.kind,
      lr: o.lr,
      momentum: o.momentum,
      beta1: o.beta1,
      // The compiler's spec has no slot for rmsprop's `alpha` (its beta2 is 0 there): leave
      // it to the trainer's default (0.99) rather than pass a smoothing of 0.
      ...(o.kind === 'rmsprop' ? {} : { beta2: o.beta2 }),
      eps: o.eps,
      weightDecay: o.weightDecay,
    },
    metrics: spec.metrics.filter((m): m is MetricName =>
      (KNOWN_METRICS as readonly string[]).includes(m),
    ),
    ...(spec.clipNorm !== undefined ? { clipNorm: spec.clipNorm } : {}),
    ...(spec.clipValue !== undefined ? { clipValue: spec.clipValue } : {}),
    ...(spec.tbptt !== undefined ? { tbptt: spec.tbptt } : {}),
  };
}

function scheduleOf(s: TrainSpec['schedule'], totalSteps: number): ScheduleSpec | undefined {
  switch (s.kind) {
    case 'constant':
      return undefined;
    case 'cosine':
      return { kind: 'cosine', warmup: s.warmup, total: totalSteps };
    default:
      return s;
  }
}

/** The metric the panel shows: the train block's first, else accuracy for a class/tag task. */
export function headlineMetric(
  metrics: readonly MetricName[],
  task: 'classify' | 'tag' | 'seq2seq' | 'lm' | 'regress',
): MetricName {
  const first = metrics.find((m) => m !== 'loss');
  if (first) return first;
  if (task === 'classify') return 'accuracy';
  if (task === 'tag' || task === 'seq2seq') return 'token_accuracy';
  if (task === 'lm') return 'perplexity';
  return 'loss';
}
