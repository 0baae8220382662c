/**
 * The page's side of the training worker: commands out, and the worker's messages in,
 * as promises (replies to a request, matched by id) and as listeners (backend, progress,
 * gradient samples). Works over anything that posts messages, so tests use a fake worker.
 */
import {
  replyId,
  type GradMessage,
  type PageToWorker,
  type ProgressDelta,
  type Replies,
  type WorkerToPage,
} from './protocol.js';

/** The part of `Worker` the client uses. */
export interface WorkerLike {
  postMessage(m: PageToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<WorkerToPage>) => void): void;
}

/** A request: the command without its id (the client numbers them). */
type Request<K extends keyof Replies> = Omit<Extract<PageToWorker, { type: K }>, 'id'>;

/** What the page listens to. */
export interface ClientListeners {
  backend?(name: string, note?: string): void;
  progress?(delta: ProgressDelta): void;
  grads?(grads: GradMessage): void;
}

/** Talks to the training worker; see the module comment. */
export class TrainingClient {
  private nextId = 1;
  private readonly pending = new Map<number, (m: WorkerToPage) => void>();
  private readonly listeners = new Set<ClientListeners>();
  /** The worker's backend, once it has started. */
  backend?: { readonly name: string; readonly note?: string };

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e) => this.receive(e.data));
  }

  /** Listen; returns the unsubscribe function. A known backend is reported at once. */
  listen(l: ClientListeners): () => void {
    this.listeners.add(l);
    if (this.backend) l.backend?.(this.backend.name, this.backend.note);
    return () => this.listeners.delete(l);
  }

  /** Send a command that has no reply. */
  send(m: Extract<PageToWorker, { type: 'init' | 'pause' | 'resume' | 'stop' | 'measure' }>): void {
    this.worker.postMessage(m);
  }

  /** Send a request; resolves with the worker's reply to it. */
  request<K extends keyof Replies>(
    m: Request<K>,
    transfer: Transferable[] = [],
  ): Promise<Replies[K]> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply as Replies[K]));
      this.worker.postMessage({ ...m, id } as unknown as PageToWorker, transfer);
    });
  }

  private receive(m: WorkerToPage): void {
    const id = replyId(m);
    const waiting = id === undefined ? undefined : this.pending.get(id);
    if (id !== undefined && waiting) {
      this.pending.delete(id);
      waiting(m);
      return;
    }
    for (const l of this.listeners) {
      if (m.type === 'backend') l.backend?.(m.name, m.note);
      else if (m.type === 'progress') l.progress?.(m.delta);
      else if (m.type === 'grads') l.grads?.(m.grads);
    }
    if (m.type === 'backend') this.backend = { name: m.name, ...(m.note ? { note: m.note } : {}) };
  }
}
