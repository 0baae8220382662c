/**
 * The page's entry: start the tfjs backend (WebGL first), then build the playground. The
 * editor is usable at once; only training waits for the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmFolder, setupBrowserBackend } from '@seqlab/backend-webgl';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { initialState } from './app/initial-state.js';
import { startPlayground } from './app/playground-app.js';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

async function startBackend(onStatus: (name: string, note?: string) => void): Promise<typeof tf> {
  // The wasm binaries sit beside the page (copied at build time), wherever it is hosted.
  setWasmFolder(new URL('wasm/', document.baseURI).href);
  const requested = new URLSearchParams(location.search).get('backend') ?? undefined;
  const r = await setupBrowserBackend(tf, requested);
  if (!r.ok) {
    onStatus('none', r.message);
    throw new Error(r.message);
  }
  onStatus(tf.getBackend(), r.note);
  return tf;
}

const root = document.getElementById('app');
if (root) {
  const store = storage();
  const { state } = initialState(location.hash, store);
  let setBackend: (name: string, note?: string) => void = () => undefined;
  const tfReady = startBackend((name, note) => setBackend(name, note));
  const app = startPlayground({ root, state, tf: tfReady, ...(store ? { store } : {}) });
  setBackend = (name, note) => app.status.setBackend(name, note);
  tfReady.catch(() => undefined);
}
