/**
 * The page's entry: start the training worker (tfjs runs there, WebGPU first, then WebGL),
 * then build the playground. The editor is usable at once; only training waits for the
 * worker's backend, which the status bar then shows (with why, where it fell back).
 */
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { initialState } from './app/initial-state.js';
import { startPlayground } from './app/playground-app.js';
import { TrainingClient } from './worker/training-client.js';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const root = document.getElementById('app');
if (root) {
  const store = storage();
  const { state } = initialState(location.hash, store);
  const worker = new Worker(new URL('./worker/train.worker.ts', import.meta.url), {
    type: 'module',
  });
  const client = new TrainingClient(worker);
  const backend = new URLSearchParams(location.search).get('backend') ?? undefined;
  // The worker has no document: it gets the page's base URL for the corpora and wasm files.
  client.send({ type: 'init', base: document.baseURI, ...(backend ? { backend } : {}) });
  const app = startPlayground({ root, state, client, ...(store ? { store } : {}) });
  client.listen({ backend: (name, note) => app.status.setBackend(name, note) });
}
