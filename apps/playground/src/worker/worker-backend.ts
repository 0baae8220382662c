/**
 * The training worker's tfjs backend. WebGL runs in a worker through OffscreenCanvas (tfjs
 * creates its context there when OffscreenCanvas exists); where that fails, wasm and then
 * cpu start instead, and the note says why, for the page's status bar.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmFolder, setupBrowserBackend } from '@seqlab/backend-webgl';

/** The backend that runs, and why it is not the one expected (if it is not). */
export interface WorkerBackend {
  readonly tf: typeof tf;
  readonly name: string;
  readonly note?: string;
}

/**
 * Start the best backend (or `requested`, the page's `?backend=`); the wasm binaries are
 * fetched from `wasm/` under `base`, the page's base URL.
 */
export async function startWorkerBackend(base: string, requested?: string): Promise<WorkerBackend> {
  setWasmFolder(new URL('wasm/', base).href);
  const r = await setupBrowserBackend(tf, requested);
  if (!r.ok) throw new Error(r.message);
  const where =
    typeof OffscreenCanvas === 'undefined' ? ' (this browser has no OffscreenCanvas)' : '';
  return {
    tf,
    name: tf.getBackend(),
    ...(r.note ? { note: `training worker ${r.note}${r.choice === 'webgl' ? '' : where}` } : {}),
  };
}
