/**
 * The bench page's entry (bundled by build-page.ts): starts the backend named by
 * `?backend=` and puts `window.seqlabBench` on the page for Node to drive cell by cell.
 * The bench sources are inlined at build time (`__BENCH_SOURCES__`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { requestWasmThreads, setWasmFolder, setupBrowserBackend } from '@seqlab/backend-webgl';
import { checkSeqlabKernels, registerFastKernels } from '@seqlab/tfjs';
import type { BenchPageApi, CellRequest, CellResult, PageInfo } from '../types.js';
import { runLayersCell } from './layers-cell.js';
import { webglRenderer, webgpuAdapter, wasmFlavour } from './renderer.js';
import { runSeqlabCell } from './seqlab-cell.js';
import { timeProducts, type ProductShape } from '../../matmul/time-products.js';

declare const __BENCH_SOURCES__: Readonly<Record<string, string>>;

declare global {
  interface Window {
    seqlabBench?: BenchPageApi;
  }
}

const message = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);

async function start(): Promise<PageInfo> {
  const query = new URLSearchParams(location.search);
  const requested = query.get('backend') ?? 'webgl';
  const userAgent = navigator.userAgent;
  setWasmFolder(new URL('wasm/', document.baseURI).href);
  // XNNPACK's pool size; only the threaded build (a cross-origin isolated page) has one.
  if (requested === 'wasm') requestWasmThreads(Number(query.get('threads') ?? '1'));
  const r = await setupBrowserBackend(tf, requested);
  // No silent fallback: a wasm number measured on cpu would be a lie in the table.
  if (!r.ok) return { renderer: webglRenderer(), userAgent, error: r.message };
  if (r.choice !== requested) {
    const error = `${requested} did not start: ${r.skipped.join('; ')}`;
    return { backend: tf.getBackend(), renderer: webglRenderer(), userAgent, error };
  }
  const renderer =
    requested === 'wasm'
      ? wasmFlavour(tf)
      : requested === 'webgpu'
        ? await webgpuAdapter()
        : webglRenderer();
  return { backend: tf.getBackend(), renderer, userAgent };
}

async function runCell(req: CellRequest): Promise<CellResult> {
  const source = __BENCH_SOURCES__[req.model];
  if (source === undefined) return { error: `no bench source for ${req.model}` };
  try {
    return req.engine === 'seqlab'
      ? await runSeqlabCell(tf, source, req)
      : await runLayersCell(tf, req);
  } catch (e) {
    return { error: message(e) };
  }
}

/** seqlab's kernels of this backend (webgl: its shaders) against their tfjs-op references. */
function checkKernels() {
  registerFastKernels(tf, tf.getBackend());
  return checkSeqlabKernels(tf);
}

window.seqlabBench = {
  ready: start(),
  runCell,
  checkKernels,
  timeProducts: (shapes: readonly ProductShape[]) => timeProducts(tf, shapes),
};
