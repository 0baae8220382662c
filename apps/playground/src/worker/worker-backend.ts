/**
 * The training worker's tfjs backend, chosen where it trains: WebGPU first (dedicated
 * workers have `navigator.gpu`), then WebGL through OffscreenCanvas (tfjs creates its
 * context there when OffscreenCanvas exists), then wasm and cpu. The worker's choice is the
 * one the page's status bar shows, so page and worker never disagree about what trains;
 * the note says why a better backend was passed over.
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
  // A browser may have WebGL on the page but not in workers: say that is the reason.
  const webglSkipped = r.skipped.some((s) => s.startsWith('webgl'));
  const where =
    webglSkipped && typeof OffscreenCanvas === 'undefined'
      ? ' (this browser has no OffscreenCanvas in workers)'
      : '';
  return { tf, name: tf.getBackend(), ...(r.note ? { note: `${r.note}${where}` } : {}) };
}
