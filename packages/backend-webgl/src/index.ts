/**
 * @seqlab/backend-webgl: the browser's tfjs setup. Registers the WebGL, wasm and cpu
 * backends (in `register.ts`, the package's only side effect) and starts the best one.
 */
export {
  BROWSER_BACKENDS,
  WASM_FILES,
  browserBackendSpec,
  type BrowserBackendChoice,
  type BrowserBackendSpec,
} from './backends.js';
export {
  setupBrowserBackend,
  type BackendRuntime,
  type BrowserTf,
  type ReadyBrowserBackend,
  type BrowserBackendError,
} from './setup.js';
export { setWasmFolder } from './register.js';
export { installWebglKernels, registerWebglKernels } from './register-kernels.js';
