/**
 * The options of `npm run bench` (tools/bench/run-bench.ts). Parsing is pure: a bad flag is
 * a message for the user, returned, not thrown.
 */
import { parseArgs } from 'node:util';
import {
  BENCH_MODELS,
  DEFAULT_PLANS,
  SIZE_NAMES,
  type BenchModel,
  type SizeName,
  type StepPlan,
} from './rows.js';

/**
 * What `--engines` can name: the three engines, the optional browser runner, seqlab's torch
 * engine on a train block's data (torch-engine), whole `seqlab train` runs beside a PyTorch
 * loop and train-versus-bench step times (whole-run), compile times.
 */
export const ENGINE_KEYS = [
  'seqlab',
  'tfjs-layers',
  'pytorch',
  'browser',
  'torch-engine',
  'whole-run',
  'compile',
] as const;

/** One of {@link ENGINE_KEYS}. */
export type EngineKey = (typeof ENGINE_KEYS)[number];

/** The tfjs backends the Node engines run on. */
export const NODE_BACKENDS = ['wasm', 'cpu'] as const;

/** One of {@link NODE_BACKENDS}. */
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Steps of a `--quick` smoke run. */
export const QUICK_PLANS: Readonly<Record<SizeName, StepPlan>> = {
  small: { steps: 3, warmup: 1 },
  large: { steps: 2, warmup: 1 },
};

/**
 * Default budget: a cpu-backend large cell whose first step takes longer is skipped. 8 s
 * lets seqlab's large cpu cells run (their cold first steps take 2.5–6.5 s here) and still
 * skips tfjs-layers' large LSTM, GRU and CNN on cpu, whose single steps take 21, 36 and 248 s
 * (docs/performance.md has them, measured once).
 */
export const DEFAULT_BUDGET_MS = 8000;

/** Default target time of one cell: slower cells run fewer steps (budget.ts). */
export const DEFAULT_CELL_SECONDS = 30;

/** Default limit on one child process (one cell). */
export const DEFAULT_CHILD_TIMEOUT_MS = 300_000;

/** Parsed options of `npm run bench`. */
export interface BenchArgs {
  readonly quick: boolean;
  readonly models: readonly BenchModel[];
  readonly sizes: readonly SizeName[];
  readonly engines: readonly EngineKey[];
  readonly backends: readonly NodeBackend[];
  readonly plans: Readonly<Record<SizeName, StepPlan>>;
  /** Write the markdown report (a quick run does not, unless `--write`). */
  readonly write: boolean;
  /** Where the report goes, relative to the repository root. */
  readonly out: string;
  readonly budgetMs: number;
  /** Target wall time of one cell's steps, in ms. */
  readonly cellMs: number;
  readonly childTimeoutMs: number;
  /** Run seqlab from its TypeScript sources (always current) or the built CLI bundle. */
  readonly cli: 'src' | 'dist';
  readonly help: boolean;
}

/** `--help` text. */
export const USAGE = `npm run bench -- [options]

Times a training step (forward, backward, Adam) and inference of the bench models
(examples/bench/{rnn,lstm,gru,cnn}.seq) with seqlab, the hand-written tfjs-layers model
and PyTorch, at the small and large configurations, seqlab's torch engine on names.seq's
data with 1 and 2 processes, whole seqlab train runs beside the same PyTorch loop, train
versus bench time per step, and the compile time of every example.
Prints a table and writes docs/benchmarks.md.

  --quick              small configuration, ${QUICK_PLANS.small.steps} steps after ${QUICK_PLANS.small.warmup} warm-up; does not write the report
  --only rnn,lstm      models (default: ${BENCH_MODELS.join(',')})
  --sizes small,large  configurations (default: both; --quick: small)
  --engines LIST       of ${ENGINE_KEYS.join(', ')} (default: all)
  --backends wasm,cpu  tfjs backends of the Node engines (default: both)
  --budget-ms N        skip a cpu-backend large cell whose first step takes longer (default ${DEFAULT_BUDGET_MS})
  --cell-seconds N     a slower cpu or large cell runs fewer steps (at least 3) to take about N s (default ${DEFAULT_CELL_SECONDS})
  --timeout-ms N       limit on one cell's child process (default ${DEFAULT_CHILD_TIMEOUT_MS})
  --cli src|dist       run seqlab from source with tsx (default) or apps/cli/dist/seqlab.js
  --no-write           print only; --write writes even a --quick run
  --out FILE           report path (default docs/benchmarks.md)
`;

/** Parsed options, or a message saying what is wrong. */
export type ParseResult =
  | { readonly ok: true; readonly args: BenchArgs }
  | { readonly ok: false; readonly message: string };

function pickList<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: readonly T[],
): readonly T[] | string {
  if (value === undefined) return fallback;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0)
    return `${flag}: unknown ${bad.join(', ')}; choose from ${allowed.join(', ')}`;
  if (items.length === 0) return `${flag}: give at least one of ${allowed.join(', ')}`;
  // Keep the canonical order whatever order the user typed.
  return allowed.filter((a) => items.includes(a));
}

function positive(flag: string, value: string | undefined, fallback: number): number | string {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : `${flag} ${value}: give a whole number > 0`;
}

/** Parse the arguments after `npm run bench --`. */
export function parseBenchArgs(argv: readonly string[]): ParseResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        sizes: { type: 'string' },
        engines: { type: 'string' },
        backends: { type: 'string' },
        'budget-ms': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'cell-seconds': { type: 'string' },
        cli: { type: 'string', default: 'src' },
        write: { type: 'boolean' },
        'no-write': { type: 'boolean', default: false },
        out: { type: 'string', default: 'docs/benchmarks.md' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const quick = values.quick;
  const models = pickList('--only', values.only, BENCH_MODELS, BENCH_MODELS);
  const sizes = pickList('--sizes', values.sizes, SIZE_NAMES, quick ? ['small'] : SIZE_NAMES);
  const engines = pickList('--engines', values.engines, ENGINE_KEYS, ENGINE_KEYS);
  const backends = pickList('--backends', values.backends, NODE_BACKENDS, NODE_BACKENDS);
  const budgetMs = positive('--budget-ms', values['budget-ms'], DEFAULT_BUDGET_MS);
  const childTimeoutMs = positive('--timeout-ms', values['timeout-ms'], DEFAULT_CHILD_TIMEOUT_MS);
  const cellSeconds = positive('--cell-seconds', values['cell-seconds'], DEFAULT_CELL_SECONDS);
  for (const v of [models, sizes, engines, backends, budgetMs, childTimeoutMs, cellSeconds]) {
    if (typeof v === 'string') return { ok: false, message: v };
  }
  if (values.cli !== 'src' && values.cli !== 'dist') {
    return { ok: false, message: `--cli ${values.cli}: choose src or dist` };
  }
  if (values.write === true && values['no-write']) {
    return { ok: false, message: '--write and --no-write contradict each other' };
  }
  return {
    ok: true,
    args: {
      quick,
      models: models as readonly BenchModel[],
      sizes: sizes as readonly SizeName[],
      engines: engines as readonly EngineKey[],
      backends: backends as readonly NodeBackend[],
      plans: quick ? QUICK_PLANS : DEFAULT_PLANS,
      // A quick run is a smoke test: it must not overwrite the report of a real run.
      write: values.write ?? (!values['no-write'] && !quick),
      out: values.out,
      budgetMs: budgetMs as number,
      cellMs: (cellSeconds as number) * 1000,
      childTimeoutMs: childTimeoutMs as number,
      cli: values.cli,
      help: values.help,
    },
  };
}
