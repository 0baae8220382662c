import { describe, expect, it } from 'vitest';
import type { PageToWorker, WorkerToPage } from '../../src/worker/protocol.js';
import { TrainingClient, type WorkerLike } from '../../src/worker/training-client.js';

/** A worker the test answers by hand. */
class FakeWorker implements WorkerLike {
  readonly sent: PageToWorker[] = [];
  private fn?: (e: MessageEvent<WorkerToPage>) => void;
  postMessage(m: PageToWorker): void {
    this.sent.push(m);
  }
  addEventListener(_type: 'message', fn: (e: MessageEvent<WorkerToPage>) => void): void {
    this.fn = fn;
  }
  reply(m: WorkerToPage): void {
    this.fn?.({ data: m } as MessageEvent<WorkerToPage>);
  }
}

describe('TrainingClient', () => {
  it('numbers requests and resolves each with its own reply, in any order', async () => {
    const w = new FakeWorker();
    const client = new TrainingClient(w);
    const a = client.request<'predict'>({ type: 'predict', text: 'maria' });
    const b = client.request<'predict'>({ type: 'predict', text: 'john' });
    const [ia, ib] = w.sent.map((m) => ('id' in m ? m.id : -1));
    expect(ia).not.toBe(ib);
    w.reply({ type: 'prediction', id: ib ?? -1, prediction: { kind: 'seq2seq', output: ['B'] } });
    w.reply({ type: 'problems', id: ia ?? -1, problems: ['no model yet'] });
    expect(await a).toEqual({ type: 'problems', id: ia, problems: ['no model yet'] });
    expect(await b).toMatchObject({ type: 'prediction', prediction: { output: ['B'] } });
  });

  it('streams progress and gradients to listeners, and tells a late listener the backend', () => {
    const w = new FakeWorker();
    const client = new TrainingClient(w);
    const seen: string[] = [];
    client.listen({
      progress: (d) => seen.push(`progress ${d.step}`),
      grads: (g) => seen.push(`grads ${g.kind}`),
    });
    w.reply({ type: 'backend', name: 'wasm', note: 'training worker running on wasm' });
    w.reply({
      type: 'progress',
      delta: {
        phase: 'running',
        epoch: 0,
        epochs: 1,
        batch: 1,
        batches: 5,
        step: 1,
        lossFrom: 0,
        losses: [{ step: 1, loss: 1 }],
        evalFrom: 0,
        evals: [],
      },
    });
    w.reply({ type: 'grads', grads: { kind: 'unavailable', reason: 'no recurrent layer' } });
    expect(seen).toEqual(['progress 1', 'grads unavailable']);
    let backend = '';
    client.listen({ backend: (name, note) => (backend = `${name}: ${note}`) });
    expect(backend).toBe('wasm: training worker running on wasm');
  });

  it('sends commands without replies as they are', () => {
    const w = new FakeWorker();
    new TrainingClient(w).send({ type: 'pause' });
    expect(w.sent).toEqual([{ type: 'pause' }]);
  });
});
