/**
 * Backend registration: the one module with side effects. Importing the backend packages
 * registers their factories with the shared tfjs-core (webgpu only where `navigator.gpu`
 * exists: tfjs checks at import); nothing starts until `setupBrowserBackend` calls
 * `setBackend`.
 */
import '@seqlab/backend-webgpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Where the wasm backend fetches its `.wasm` files (a folder URL ending in `/`). */
export function setWasmFolder(url: string): void {
  setWasmPaths(url.endsWith('/') ? url : `${url}/`);
}
