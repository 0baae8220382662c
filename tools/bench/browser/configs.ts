/**
 * The benchmark configurations of issue 7, the same as the Node side's: small is the
 * standard one; large is `--set input_size=32 --set hidden=256 --batch 64 --time 100`.
 */
import { SIZES as NODE_SIZES, type SizeConfig as NodeSizeConfig } from '../rows.js';
import type { BenchModel, BenchSize, BrowserBackend, StepPlan } from './types.js';

/** Shape of one configuration, in the page's field names. */
export interface SizeConfig {
  readonly batch: number;
  readonly time: number;
  readonly inputSize: number;
  readonly hidden: number;
}

const page = (s: NodeSizeConfig): SizeConfig => ({
  batch: s.batch,
  time: s.time,
  inputSize: s.input,
  hidden: s.hidden,
});

/** The two configurations: the Node harness's (tools/bench/rows.ts), one source. */
export const SIZES: Readonly<Record<BenchSize, SizeConfig>> = {
  small: page(NODE_SIZES.small),
  large: page(NODE_SIZES.large),
};

/** The four bench examples, in table order. */
export const BENCH_MODELS: readonly BenchModel[] = ['rnn', 'lstm', 'gru', 'cnn'];

/**
 * The browser backends: the two GPU ones (SwiftShader here: software, not a GPU), then wasm.
 * webgpu needs Chromium's WebGPU switches (apps/playground/e2e/chromium.ts, WEBGPU_ARGS).
 */
export const BROWSER_BACKENDS: readonly BrowserBackend[] = ['webgl', 'webgpu', 'wasm'];

/** Classes of every bench model's dense head. */
export const CLASSES = 4;

/**
 * Timed steps after warm-up, per size: the same plans as the Node harness
 * (tools/bench/args.ts), which passes its own through `plans` anyway. A large step of an
 * unrolled recurrence on SwiftShader takes seconds, hence fewer steps there.
 */
export function stepsFor(size: BenchSize, quick: boolean): StepPlan {
  if (quick) return size === 'large' ? { steps: 2, warmup: 1 } : { steps: 3, warmup: 1 };
  return size === 'large' ? { steps: 5, warmup: 2 } : { steps: 20, warmup: 5 };
}

/**
 * Per-cell time limit: one cell stuck on a slow software-GL kernel must not eat the run.
 * Large cells get more (a large LSTM step on SwiftShader takes seconds).
 */
export function cellTimeoutMs(size: BenchSize, quick: boolean): number {
  const base = size === 'large' ? 600_000 : 180_000;
  return quick ? base / 2 : base;
}
