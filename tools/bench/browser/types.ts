/**
 * The browser benchmark's shapes: the rows it hands to tools/bench/run-bench.ts (the
 * contract), and the JSON-safe messages between Node and the bench page.
 */
import type { KernelCheck } from '@seqlab/tfjs';
import type { ProductShape, ProductTiming } from '../matmul/time-products.js';

/** Who runs the model: seqlab's lowering, or the hand-written tfjs-layers peer. */
export type BrowserEngine = 'seqlab' | 'tfjs-layers';
/** The tfjs backend inside Chromium. */
export type BrowserBackend = 'webgl' | 'webgpu' | 'wasm';
/** One of examples/bench/{rnn,lstm,gru,cnn}.seq. */
export type BenchModel = 'rnn' | 'lstm' | 'gru' | 'cnn';
/** The standard small or the large configuration (issue 7). */
export type BenchSize = 'small' | 'large';

/** One cell of the table. A cell that failed has `error` and no timings. */
export interface BrowserRow {
  readonly engine: BrowserEngine;
  readonly backend: BrowserBackend;
  readonly model: BenchModel;
  readonly size: BenchSize;
  /** Median ms per training step (forward, backward, Adam update, loss read back). */
  readonly ms_per_step?: number;
  /** Median ms per inference pass (output read back). */
  readonly infer_ms?: number;
  readonly error?: string;
  /**
   * What actually executed: the WebGL renderer string on webgl (SwiftShader here: a
   * software rasteriser, not a GPU), the wasm flavour on wasm. Beyond the contract.
   */
  readonly renderer?: string;
  /** Timed steps and warm-up steps of this cell. Beyond the contract. */
  readonly steps?: number;
  readonly warmup?: number;
}

/** Timed steps after untimed warm-up steps. */
export interface StepPlan {
  readonly steps: number;
  readonly warmup: number;
}

/** Overrides of the configuration, for tests and smoke runs (every cell gets them). */
export interface BenchOverrides {
  readonly batch?: number;
  readonly time?: number;
  readonly steps?: number;
  readonly warmup?: number;
  /** Per-cell time limit in ms (a cell over it becomes an error row). */
  readonly cellTimeoutMs?: number;
}

/** Options of `runBrowserBench`: the contract's four, plus optional extras. */
export interface BrowserBenchOptions {
  readonly models: readonly BenchModel[];
  readonly sizes: readonly BenchSize[];
  /** Default: webgl and wasm. */
  readonly backends?: readonly BrowserBackend[];
  /** Fewer timed steps (see configs.ts). */
  readonly quick?: boolean;
  /** Timed steps and warm-up per size, instead of `quick`'s (the harness's plans). */
  readonly plans?: Partial<Record<BenchSize, StepPlan>>;
  /** Default: both engines. */
  readonly engines?: readonly BrowserEngine[];
  readonly overrides?: BenchOverrides;
  /** Progress lines (one per cell), e.g. to stderr. */
  readonly log?: (line: string) => void;
}

/** What the page is asked to time (JSON-safe: it crosses into Chromium). */
export interface CellRequest {
  readonly engine: BrowserEngine;
  readonly model: BenchModel;
  readonly batch: number;
  readonly time: number;
  readonly inputSize: number;
  readonly hidden: number;
  readonly steps: number;
  readonly warmup: number;
  readonly seed: number;
  /** Also count the kernels of one more training step by name (`tf.profile`; seqlab only). */
  readonly profile?: boolean;
}

/** What the page measured, or why it could not. */
export interface CellResult {
  readonly msPerStep?: number;
  readonly inferMs?: number;
  /** Kernels of one training step by name, when the request asked for a profile. */
  readonly kernels?: Readonly<Record<string, number>>;
  readonly error?: string;
}

/** The page after its backend started (or failed to). */
export interface PageInfo {
  /** `tf.getBackend()` once started. */
  readonly backend?: string;
  readonly renderer: string;
  readonly userAgent: string;
  readonly error?: string;
}

/** What the bench page puts on `window.seqlabBench`. */
export interface BenchPageApi {
  readonly ready: Promise<PageInfo>;
  runCell(req: CellRequest): Promise<CellResult>;
  /** Installs seqlab's kernels and checks each against its reference of tfjs ops. */
  checkKernels(): KernelCheck[];
  /** Times `tf.matMul` at each shape on the page's backend (tools/bench/matmul). */
  timeProducts(shapes: readonly ProductShape[]): ProductTiming[];
}
