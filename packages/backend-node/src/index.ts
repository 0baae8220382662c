/** @seqlab/backend-node: which tfjs backend a server runs on, and starting it. */
export { BACKENDS, backendSpec, type BackendChoice, type BackendSpec } from './backends.js';
export {
  setupBackend,
  type ReadyBackend,
  type BackendError,
  type BackendOptions,
  nodeLoader,
  type PackageLoader,
  type TfCore,
} from './setup.js';
