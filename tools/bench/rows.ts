/**
 * The shared vocabulary of `npm run bench`: the bench models, the two size configurations,
 * and {@link Row}, one measured cell (model × size × engine × backend). Every engine runner
 * (seqlab, tfjs-layers, PyTorch, and the browser runner in tools/bench/browser/) returns
 * rows; the table and docs/benchmarks.md are made from rows only.
 */

/** The four bench models, `examples/bench/<name>.seq`. */
export const BENCH_MODELS = ['rnn', 'lstm', 'gru', 'cnn'] as const;

/** One of {@link BENCH_MODELS}. */
export type BenchModel = (typeof BENCH_MODELS)[number];

/** The two configurations of issue 7. */
export const SIZE_NAMES = ['small', 'large'] as const;

/** One of {@link SIZE_NAMES}. */
export type SizeName = (typeof SIZE_NAMES)[number];

/** Tensor sizes of a configuration: input `[batch, time, input]`, layer width `hidden`. */
export interface SizeConfig {
  readonly batch: number;
  readonly time: number;
  readonly input: number;
  readonly hidden: number;
}

/**
 * The standard configurations. pytorch_bench.py repeats these numbers (it cannot import
 * TypeScript); rows carry their actual sizes, so a mismatch shows in the table.
 */
export const SIZES: Readonly<Record<SizeName, SizeConfig>> = {
  small: { batch: 32, time: 50, input: 8, hidden: 64 },
  large: { batch: 64, time: 100, input: 32, hidden: 256 },
};

/** Timed steps after untimed warm-up steps. */
export interface StepPlan {
  readonly steps: number;
  readonly warmup: number;
}

/**
 * Steps of a full run: the seqlab CLI's defaults for the small configuration; fewer for the
 * large one, where one step of an unrolled recurrence can take seconds.
 */
export const DEFAULT_PLANS: Readonly<Record<SizeName, StepPlan>> = {
  small: { steps: 20, warmup: 5 },
  large: { steps: 5, warmup: 2 },
};

/** Who computed a row. `browser` rows name the engine they ran (seqlab or tfjs-layers). */
export type EngineName = 'seqlab' | 'tfjs-layers' | 'pytorch';

/** Where the engine ran: Node, headless Chromium, or CPython. */
export type Runtime = 'node' | 'chromium' | 'python';

/** Fields every row has, whatever its outcome. */
export interface RowBase {
  readonly model: BenchModel;
  readonly size: SizeName;
  readonly engine: EngineName;
  readonly runtime: Runtime;
  /** tfjs backend (`wasm`, `cpu`, `webgl`, `webgpu`) or, for PyTorch, `cpu`. */
  readonly backend: string;
  /** The sizes this row actually ran with. */
  readonly config: SizeConfig;
  /** Steps it timed; absent when a runner does not say (the browser's own defaults). */
  readonly plan?: StepPlan;
  /** Trainable parameters, when the engine reports them (a cross-check between engines). */
  readonly params?: number;
  /** Threads the engine computes with, when known (PyTorch's `torch.get_num_threads()`). */
  readonly threads?: number;
}

/** How a cell ended: measured, failed (the engine cannot do it), or not attempted. */
export type RowOutcome =
  | {
      readonly status: 'ok';
      /** Median ms per training step: forward, backward, Adam update, loss read back. */
      readonly msPerStep: number;
      /** Median ms per inference pass with its output read back. */
      readonly inferMs: number;
    }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'skipped'; readonly reason: string };

/** One measured cell of the benchmark. */
export type Row = RowBase & RowOutcome;

/** Compile time of one example file (in-process `compile()`). */
export interface CompileRow {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly lines: number;
  /** Median ms of the timed `compile()` calls; absent when the file does not compile. */
  readonly ms?: number;
  /** The first error, when the file does not compile as it stands. */
  readonly error?: string;
}

/**
 * What `runBrowserBench` (tools/bench/browser/run-browser-bench.ts, optional) receives:
 * which cells, on which Chromium backends.
 */
export interface BrowserBenchOptions {
  readonly models: readonly BenchModel[];
  readonly sizes: readonly SizeName[];
  readonly backends: readonly ('webgl' | 'webgpu' | 'wasm')[];
  /** Fewer timed steps, as `npm run bench -- --quick`. */
  readonly quick?: boolean;
  /** Progress lines (stderr of the harness). */
  readonly log?: (line: string) => void;
}

/** One cell as the browser runner returns it (tools/bench/browser/types.ts). */
export type { BrowserRow } from './browser/types.js';
import type { BrowserRow } from './browser/types.js';

/** The signature of the optional browser runner module's export. */
export type RunBrowserBench = (opts: BrowserBenchOptions) => Promise<readonly BrowserRow[]>;
