/**
 * @seqlab/backend-webgl: the browser's tfjs setup. Registers the WebGPU (from
 * @seqlab/backend-webgpu), WebGL, wasm and cpu backends (in `register.ts`, the package's
 * only side effect) and starts the best one.
 */
export {
  BROWSER_BACKENDS,
  WASM_FILES,
  browserBackendSpec,
  type BrowserBackendChoice,
  type BrowserBackendSpec,
} from './backends.js';
export {
  browserEnv,
  browserGpu,
  setupBrowserBackend,
  webgpuUnavailable,
  type BackendRuntime,
  type BrowserEnv,
  type GpuLike,
  type BrowserTf,
  type ReadyBrowserBackend,
  type BrowserBackendError,
} from './setup.js';
export { setWasmFolder } from './register.js';
export { installWebglKernels, registerWebglKernels } from './register-kernels.js';
export { canRunWasmThreads, requestWasmThreads } from './wasm-threads.js';
