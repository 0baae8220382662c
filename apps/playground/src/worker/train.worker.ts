/**
 * The training worker: tfjs, the data, the model, the optimiser and the training loop run
 * here, so the page's main thread only draws. The first message is `init` (the page's base
 * URL, for the corpora and the wasm binaries, and the backend asked for); every other
 * command goes to {@link WorkerTrainer}, in order.
 */
import type { PageToWorker, WorkerToPage } from './protocol.js';
import { startWorkerBackend } from './worker-backend.js';
import { WorkerTrainer } from './worker-trainer.js';

/** The worker's global scope, typed for what it is used for. */
interface WorkerScope {
  postMessage(m: WorkerToPage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<PageToWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;
const post = (m: WorkerToPage, transfer: Transferable[] = []): void =>
  scope.postMessage(m, transfer);

let trainer: Promise<WorkerTrainer> | undefined;

scope.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type === 'init') {
    trainer = startWorkerBackend(m.base, m.backend).then(
      (b) => {
        post({ type: 'backend', name: b.name, ...(b.note ? { note: b.note } : {}) });
        return new WorkerTrainer(b.tf, m.base, post);
      },
      (err: unknown) => {
        post({ type: 'backend', name: 'none', note: (err as Error).message });
        throw err;
      },
    );
    return;
  }
  void trainer
    ?.then((t) => t.handle(m))
    .catch((err: unknown) => {
      const id = 'id' in m ? m.id : -1;
      post({ type: 'problems', id, problems: [(err as Error).message] });
    });
});
