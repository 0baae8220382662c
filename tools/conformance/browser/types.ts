/**
 * The JSON-safe messages between Node and the conformance page (page/conformance-page.ts):
 * which backend started on what, and one result per fixture run.
 */
import type { RunResult } from '../check-run.js';

/** The GPU backends the browser suite checks (cpu and wasm are checked in Node). */
export type GpuBackend = 'webgl' | 'webgpu';

/** What the page started: the active tfjs backend and what really executes it. */
export interface PageStart {
  /** `tf.getBackend()` after setup, whatever was asked for. */
  readonly backend: string;
  /** WebGL's unmasked renderer or the WebGPU adapter's vendor/architecture. */
  readonly renderer: string;
  readonly userAgent: string;
  /** Set when the requested backend did not start. */
  readonly error?: string;
}

/** One fixture run in the page: its errors against PyTorch, or why it failed. */
export interface BrowserRunResult {
  readonly case: string;
  readonly file: string;
  /** `B=3 T=6, padded`: the run as the Node suites name it. */
  readonly label: string;
  readonly ms: number;
  readonly result?: RunResult;
  readonly error?: string;
}

/** What the page puts on `window` for Node to drive. */
export interface ConformancePageApi {
  readonly ready: Promise<PageStart>;
  /**
   * The runs named by `case/file` keys (see {@link runKey}), in manifest order; every run
   * of every case when `keys` is empty.
   */
  runFixtures(keys: readonly string[]): Promise<BrowserRunResult[]>;
}

/** A run's key: `lstm/run-3.safetensors`. */
export function runKey(caseName: string, file: string): string {
  return `${caseName}/${file}`;
}

declare global {
  interface Window {
    seqlabConformance?: ConformancePageApi;
  }
}
