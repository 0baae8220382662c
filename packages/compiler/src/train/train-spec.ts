/**
 * Training blocks: `train Model on data { key = value ... }` checked against a schema and
 * resolved into a `TrainSpec` with defaults filled in. The trainer never sees syntax.
 */
import type { Span } from '@seqlab/diagnostics';
import type { CallExpr, Expr, Setting, TrainDecl } from '@seqlab/syntax';
import { evalConst, kindOf, recordScope, showConst, type ConstValue } from '../eval/constant.js';
import { didYouMean } from '../eval/suggest.js';
import { MAX_SIZE, showCount } from '../limits.js';
import type { Reporter } from '../reporter.js';
import { checkDataset, type DatasetSpec } from './data-options.js';

export { BUILTIN_DATASETS } from './data-options.js';

/** Metrics the trainer can report. */
export const METRICS: readonly string[] = [
  'loss',
  'accuracy',
  'token_accuracy',
  'perplexity',
  'word_accuracy',
  'phoneme_error_rate',
  'character_error_rate',
  'mse',
  'mae',
  'rmse',
  'r2',
];

export type OptimizerKind = 'sgd' | 'momentum' | 'adam' | 'adamw' | 'rmsprop';

/** A resolved optimiser with every option filled in (PyTorch's defaults). */
export interface OptimizerSpec {
  readonly kind: OptimizerKind;
  readonly lr: number;
  readonly momentum: number;
  readonly beta1: number;
  /** Adam's beta2; rmsprop's `alpha`. */
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
}

/** A learning-rate schedule. */
export type ScheduleSpec =
  | { readonly kind: 'constant' }
  | { readonly kind: 'step'; readonly every: number; readonly gamma: number }
  | { readonly kind: 'cosine'; readonly warmup: number }
  | { readonly kind: 'warmup'; readonly steps: number };

/** A training configuration after checking, with defaults. */
export interface TrainSpec {
  readonly model: string;
  readonly dataset: DatasetSpec;
  readonly loss: 'cross_entropy' | 'mse';
  readonly optimizer: OptimizerSpec;
  readonly schedule: ScheduleSpec;
  readonly clipNorm?: number;
  readonly clipValue?: number;
  readonly tbptt?: number;
  readonly batch: number;
  readonly epochs: number;
  readonly seed: number;
  readonly metrics: readonly string[];
  readonly earlyStopping?: number;
  readonly span: Span;
}

interface OptionDef {
  readonly default: number;
  readonly min?: number;
}

const OPTIMIZERS: Readonly<Record<OptimizerKind, Readonly<Record<string, OptionDef>>>> = {
  sgd: {
    lr: { default: 0.01, min: 0 },
    momentum: { default: 0, min: 0 },
    weight_decay: { default: 0, min: 0 },
  },
  momentum: {
    lr: { default: 0.01, min: 0 },
    momentum: { default: 0.9, min: 0 },
    weight_decay: { default: 0, min: 0 },
  },
  adam: {
    lr: { default: 1e-3, min: 0 },
    beta1: { default: 0.9, min: 0 },
    beta2: { default: 0.999, min: 0 },
    eps: { default: 1e-8, min: 0 },
    weight_decay: { default: 0, min: 0 },
  },
  adamw: {
    lr: { default: 1e-3, min: 0 },
    beta1: { default: 0.9, min: 0 },
    beta2: { default: 0.999, min: 0 },
    eps: { default: 1e-8, min: 0 },
    weight_decay: { default: 0.01, min: 0 },
  },
  rmsprop: {
    lr: { default: 1e-2, min: 0 },
    alpha: { default: 0.99, min: 0 },
    momentum: { default: 0, min: 0 },
    eps: { default: 1e-8, min: 0 },
    weight_decay: { default: 0, min: 0 },
  },
};

const SCHEDULES: Readonly<Record<ScheduleSpec['kind'], Readonly<Record<string, OptionDef>>>> = {
  constant: {},
  step: { every: { default: 1000, min: 1 }, gamma: { default: 0.5, min: 0 } },
  cosine: { warmup: { default: 0, min: 0 } },
  warmup: { steps: { default: 100, min: 1 } },
};

const SETTINGS = [
  'loss',
  'optimizer',
  'schedule',
  'clip_norm',
  'clip_value',
  'tbptt',
  'batch',
  'epochs',
  'seed',
  'metrics',
  'early_stopping',
] as const;

/** Check a train block; returns a spec, or `undefined` after reporting errors. */
export function checkTrain(decl: TrainDecl, rep: Reporter): TrainSpec | undefined {
  const errorsBefore = rep.errorCount;
  const byKey = settingsByKey(decl, rep);
  const num = (key: string, opts: NumberRange): number | undefined =>
    numberSetting(byKey, key, opts, rep);

  const loss = checkLoss(byKey, rep);
  const optSetting = byKey.get('optimizer');
  const optimizer = optSetting ? checkOptimizer(optSetting.value, rep) : defaultOptimizer('adam');
  const schedSetting = byKey.get('schedule');
  const schedule = schedSetting
    ? checkSchedule(schedSetting.value, rep)
    : { kind: 'constant' as const };
  const metrics = checkMetrics(byKey, rep);

  const clipNorm = num('clip_norm', { above: 0 });
  const clipValue = num('clip_value', { above: 0 });
  // Counts are bounded like layer sizes: a batch of 1e12 would be allocated, not rejected.
  const tbptt = num('tbptt', { int: true, min: 1, max: MAX_SIZE });
  const batch = num('batch', { int: true, min: 1, max: MAX_SIZE }) ?? 32;
  const epochs = num('epochs', { int: true, min: 1, max: MAX_SIZE }) ?? 10;
  const seed = num('seed', { int: true, min: 0, max: 2 ** 32 - 1 }) ?? 0;
  const earlyStopping = num('early_stopping', { int: true, min: 1, max: MAX_SIZE });

  const dataset = checkDataset(decl, rep);
  if (rep.errorCount > errorsBefore || !optimizer || !schedule || !dataset) return undefined;
  return {
    model: decl.model.name,
    dataset,
    loss,
    optimizer,
    schedule,
    batch,
    epochs,
    seed,
    metrics,
    span: decl.span,
    ...(clipNorm !== undefined ? { clipNorm } : {}),
    ...(clipValue !== undefined ? { clipValue } : {}),
    ...(tbptt !== undefined ? { tbptt } : {}),
    ...(earlyStopping !== undefined ? { earlyStopping } : {}),
  };
}

/** The block's settings by key; unknown and repeated keys are reported and left out. */
function settingsByKey(decl: TrainDecl, rep: Reporter): Map<string, Setting> {
  const byKey = new Map<string, Setting>();
  for (const s of decl.settings) {
    const key = s.key.name;
    if (!(SETTINGS as readonly string[]).includes(key)) {
      rep.error(
        'unknownSetting',
        s.key.span,
        `unknown training setting \`${key}\`${didYouMean(key, SETTINGS)}`,
        `settings: ${SETTINGS.join(', ')}`,
      );
    } else if (byKey.has(key)) {
      rep.error('duplicateSetting', s.key.span, `\`${key}\` is set twice`);
    } else byKey.set(key, s);
  }
  return byKey;
}

/** The constant value of setting `key` (bare names read as strings), or undefined. */
function settingConst(
  byKey: ReadonlyMap<string, Setting>,
  key: string,
  rep: Reporter,
): { v: ConstValue; span: Span } | undefined {
  const s = byKey.get(key);
  if (!s) return undefined;
  const v = evalConst(s.value, recordScope({}), rep, { bareNamesAsStrings: true });
  return v === undefined ? undefined : { v, span: s.value.span };
}

/** What a numeric setting must be: an integer, and within which bounds. */
interface NumberRange {
  readonly int?: boolean;
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
}

/** The numeric setting `key`, or undefined when absent or out of `range` (reported). */
function numberSetting(
  byKey: ReadonlyMap<string, Setting>,
  key: string,
  range: NumberRange,
  rep: Reporter,
): number | undefined {
  const c = settingConst(byKey, key, rep);
  if (!c) return undefined;
  if (typeof c.v !== 'number' || (range.int && !Number.isInteger(c.v))) {
    rep.error(
      'settingType',
      c.span,
      `\`${key}\` must be ${range.int ? 'an integer' : 'a number'}; got ${kindOf(c.v)} ${showConst(c.v)}`,
    );
    return undefined;
  }
  if (
    (range.min !== undefined && c.v < range.min) ||
    (range.above !== undefined && c.v <= range.above)
  ) {
    const want =
      range.above !== undefined ? `greater than ${range.above}` : `at least ${range.min}`;
    rep.error('settingRange', c.span, `\`${key}\` must be ${want}; got ${c.v}`);
    return undefined;
  }
  if (range.max !== undefined && c.v > range.max) {
    rep.error(
      'settingRange',
      c.span,
      `\`${key}\` is ${showCount(c.v)}; seqlab allows at most ${showCount(range.max)}`,
    );
    return undefined;
  }
  return c.v;
}

/** The `loss` setting; cross-entropy when absent or unknown (reported). */
function checkLoss(byKey: ReadonlyMap<string, Setting>, rep: Reporter): TrainSpec['loss'] {
  const lossC = settingConst(byKey, 'loss', rep);
  if (!lossC) return 'cross_entropy';
  if (lossC.v === 'cross_entropy' || lossC.v === 'mse') return lossC.v;
  const name = typeof lossC.v === 'string' ? lossC.v : showConst(lossC.v);
  rep.error(
    'unknownLoss',
    lossC.span,
    `unknown loss \`${name}\`${didYouMean(name, ['cross_entropy', 'mse'])}`,
    'losses: cross_entropy, mse',
  );
  return 'cross_entropy';
}

/** The `metrics` setting (one name or a list); unknown names are reported and dropped. */
function checkMetrics(byKey: ReadonlyMap<string, Setting>, rep: Reporter): string[] {
  const metrics: string[] = [];
  const metricsC = settingConst(byKey, 'metrics', rep);
  if (!metricsC) return metrics;
  const list = Array.isArray(metricsC.v) ? metricsC.v : [metricsC.v];
  for (const m of list) {
    if (typeof m === 'string' && METRICS.includes(m)) metrics.push(m);
    else {
      const name = typeof m === 'string' ? m : showConst(m);
      rep.error(
        'unknownMetric',
        metricsC.span,
        `unknown metric \`${name}\`${didYouMean(name, METRICS)}`,
        `metrics: ${METRICS.join(', ')}`,
      );
    }
  }
  return metrics;
}

function defaultOptimizer(kind: OptimizerKind): OptimizerSpec {
  return buildOptimizer(kind, {});
}

function buildOptimizer(
  kind: OptimizerKind,
  given: Readonly<Record<string, number>>,
): OptimizerSpec {
  const o = OPTIMIZERS[kind];
  const get = (k: string): number => given[k] ?? o[k]?.default ?? 0;
  return {
    kind,
    lr: get('lr'),
    momentum: get('momentum'),
    beta1: get('beta1'),
    // For rmsprop this slot carries PyTorch's smoothing constant `alpha`.
    beta2: kind === 'rmsprop' ? get('alpha') : get('beta2'),
    eps: get('eps'),
    weightDecay: get('weight_decay'),
  };
}

/** `adam`, `adam(lr = 3e-3)`, `sgd(0.1, momentum = 0.9)`: positional options in table order. */
function callOptions(
  e: Expr,
  table: Readonly<Record<string, Readonly<Record<string, OptionDef>>>>,
  what: 'optimiser' | 'schedule',
  rep: Reporter,
): { kind: string; values: Record<string, number> } | undefined {
  const call: CallExpr | undefined = e.kind === 'CallExpr' ? e : undefined;
  const kind = e.kind === 'NameExpr' ? e.name.name : call?.callee.name;
  const code = what === 'optimiser' ? 'unknownOptimizer' : 'unknownSchedule';
  if (kind === undefined || !Object.hasOwn(table, kind)) {
    const name = kind ?? showConstSafe(e);
    rep.error(
      code,
      e.span,
      `unknown ${what} \`${name}\`${didYouMean(name, Object.keys(table))}`,
      `use one of ${Object.keys(table).join(', ')}`,
    );
    return undefined;
  }
  const options = table[kind] ?? {};
  const names = Object.keys(options);
  const values: Record<string, number> = {};
  let ok = true;
  let position = 0;
  for (const a of call?.args ?? []) {
    const key = a.name?.name ?? names[position++];
    if (key === undefined || !Object.hasOwn(options, key)) {
      rep.error(
        'unknownOption',
        a.span,
        `${kind} has no option \`${key ?? '(extra)'}\`${key ? didYouMean(key, names) : ''}`,
        `${kind} options: ${names.join(', ') || 'none'}`,
      );
      ok = false;
      continue;
    }
    const v = evalConst(a.value, recordScope({}), rep);
    const min = options[key]?.min;
    if (typeof v !== 'number') {
      if (v !== undefined)
        rep.error(
          'settingType',
          a.value.span,
          `${kind}(${key}) must be a number; got ${kindOf(v)}`,
        );
      ok = false;
    } else if (min !== undefined && v < min) {
      rep.error('settingRange', a.value.span, `${kind}(${key}) must be at least ${min}; got ${v}`);
      ok = false;
    } else values[key] = v;
  }
  return ok ? { kind, values } : undefined;
}

function showConstSafe(e: Expr): string {
  return e.kind === 'StringLiteral' ? e.value : e.kind;
}

function checkOptimizer(e: Expr, rep: Reporter): OptimizerSpec | undefined {
  const r = callOptions(e, OPTIMIZERS, 'optimiser', rep);
  if (!r) return undefined;
  let kind = r.kind as OptimizerKind;
  if (kind === 'sgd' && (r.values['momentum'] ?? 0) > 0) kind = 'momentum';
  return buildOptimizer(kind, r.values);
}

function checkSchedule(e: Expr, rep: Reporter): ScheduleSpec | undefined {
  const r = callOptions(e, SCHEDULES, 'schedule', rep);
  if (!r) return undefined;
  const opt = (k: string): number =>
    r.values[k] ?? SCHEDULES[r.kind as ScheduleSpec['kind']][k]?.default ?? 0;
  switch (r.kind) {
    case 'step':
      return { kind: 'step', every: opt('every'), gamma: opt('gamma') };
    case 'cosine':
      return { kind: 'cosine', warmup: opt('warmup') };
    case 'warmup':
      return { kind: 'warmup', steps: opt('steps') };
    default:
      return { kind: 'constant' };
  }
}
