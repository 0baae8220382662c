/**
 * How many threads tfjs's wasm backend runs XNNPACK on in a browser. The threaded build
 * loads only on a cross-origin isolated page (SharedArrayBuffer); even then tfjs 4.22 caps
 * the pool at `navigator.hardwareConcurrency / 2`, assuming two hyper-threads per core
 * (tfjs-backend-wasm src/cc/backend.cc). On a machine whose logical cores are real cores,
 * such as a two-vCPU VM, that cap is one thread; {@link requestWasmThreads} lifts it to
 * the count asked for, which tools/bench/browser/wasm-threads.ts measures.
 */
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** Whether this page or worker can run the threaded build at all. */
export function canRunWasmThreads(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
}

/**
 * Asks for `threads` XNNPACK threads; call before the wasm backend starts. Returns the
 * count the backend will get (1 where the page is not cross-origin isolated).
 */
export function requestWasmThreads(threads: number): number {
  const wanted = Math.max(1, Math.floor(threads));
  setThreadsCount(wanted);
  const nav: Navigator | undefined = globalThis.navigator;
  if (!canRunWasmThreads() || wanted === 1 || nav === undefined) return 1;
  if (nav.hardwareConcurrency < 2 * wanted) {
    // tfjs reads the core count once, when the module starts; report twice the request so
    // its halving leaves what was asked for.
    Object.defineProperty(nav, 'hardwareConcurrency', {
      get: () => 2 * wanted,
      configurable: true,
    });
  }
  return wanted;
}
