/**
 * Backend registration: the one module with side effects. Importing the three backend
 * packages registers their factories with the shared tfjs-core; nothing starts until
 * `setupBrowserBackend` calls `setBackend`.
 */
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Where the wasm backend fetches its `.wasm` files (a folder URL ending in `/`). */
export function setWasmFolder(url: string): void {
  setWasmPaths(url.endsWith('/') ? url : `${url}/`);
}
