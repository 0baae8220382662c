import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { moduleToJson } from '@seqlab/ir';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { unzip } from '../../src/run/zip.js';
import type { TrainProgress } from '../../src/train/training-controller.js';
import { mergeProgress, type PageToWorker, type WorkerToPage } from '../../src/worker/protocol.js';
import { WorkerTrainer } from '../../src/worker/worker-trainer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The adding problem with a tiny RNN: quick on the cpu backend. */
const SOURCE = `model Tiny(hidden = 4) {
  input x: [B, T, 2]
  x |> rnn(hidden) |> last |> dense(1) -> sum
  output sum
}

train Tiny on adding {
  loss = mse
  optimizer = adam(lr = 1e-2)
  batch = 50
  epochs = 2
  seed = 1
}
`;

/**
 * A page for the worker's messages: merges progress as the real page does, records the batch
 * of every step, and calls `onStep` (which may send commands) after each.
 */
function fakePage(onStep: (step: number) => void) {
  const page = {
    messages: [] as WorkerToPage[],
    progress: undefined as TrainProgress | undefined,
    batchOfStep: new Map<number, number>(),
    post(m: WorkerToPage): void {
      page.messages.push(m);
      if (m.type !== 'progress') return;
      const before = page.progress?.step ?? 0;
      page.progress = mergeProgress(page.progress, m.delta);
      if (m.delta.step > before) {
        page.batchOfStep.set(m.delta.step, m.delta.batch);
        onStep(m.delta.step);
      }
    },
  };
  return page;
}

describe('WorkerTrainer (the training worker, on the cpu backend)', () => {
  it('pauses after a step and resumes at the next step of the same epoch', async () => {
    const commands: PageToWorker[] = [];
    const page = fakePage((step) => {
      const command: PageToWorker | undefined =
        step === 3 ? { type: 'pause' } : step === 6 ? { type: 'stop' } : undefined;
      if (command) {
        commands.push(command);
        void trainer.handle(command);
      }
    });
    // Only called back once training runs, after `trainer` exists.
    const trainer = new WorkerTrainer(tf, 'http://127.0.0.1/', page.post);
    const compiled = compileSource(SOURCE);
    const module = compiled.result.module;
    if (!module) throw new Error('the test model does not compile');
    await trainer.handle({
      type: 'prepare',
      id: 1,
      data: { kind: 'builtin', name: 'adding' },
      vocabBounds: [],
      set: {},
    });
    expect(page.messages[0]).toMatchObject({ type: 'prepared', id: 1, notes: [] });
    // Resolves when training pauses.
    await trainer.handle({
      type: 'train',
      id: 2,
      module: moduleToJson(module),
      ...(compiled.result.train ? { spec: compiled.result.train } : {}),
      overrides: {},
    });
    expect(page.messages.find((m) => m.type === 'started')).toMatchObject({
      run: { name: 'Tiny', task: 'regress', metric: 'loss' },
    });
    expect(page.progress?.phase).toBe('paused');
    expect(page.progress?.step).toBe(3);
    expect(page.progress?.batch).toBe(3);
    await trainer.handle({ type: 'resume' });
    expect(commands.map((c) => c.type)).toEqual(['pause', 'stop']);
    expect(page.progress?.phase).toBe('stopped');
    // Steps 4-6 are batches 4-6 of the first epoch: nothing replayed, nothing skipped.
    expect([...page.batchOfStep]).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
    ]);
    expect(page.progress?.epoch).toBe(0);
    expect(page.progress?.losses.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6]);
    // Evaluated at the pause and at the stop.
    expect(page.progress?.evals.map((e) => e.step)).toEqual([3, 6]);

    // The trained model answers Try, gives its run as a zip, and measures its gradients.
    await trainer.handle({ type: 'predict', id: 3, text: '' });
    const prediction = page.messages.find((m) => m.type === 'prediction');
    expect(prediction).toMatchObject({ id: 3, prediction: { kind: 'regress' } });
    if (prediction?.type === 'prediction' && prediction.prediction.kind === 'regress') {
      expect(prediction.prediction.predicted).toHaveLength(1);
      expect(Number.isFinite(prediction.prediction.predicted[0])).toBe(true);
    }
    await trainer.handle({ type: 'download', id: 4, source: SOURCE, set: {} });
    const zip = page.messages.find((m) => m.type === 'run-zip');
    if (zip?.type !== 'run-zip') throw new Error('no run zip');
    const files = await unzip(zip.bytes);
    expect(files.ok && [...files.files.keys()].some((k) => k.endsWith('weights.safetensors'))).toBe(
      true,
    );
    const before = page.messages.filter((m) => m.type === 'grads').length;
    await trainer.handle({ type: 'measure' });
    const grads = page.messages.filter((m) => m.type === 'grads');
    expect(grads.length).toBe(before + 1);
    expect(grads[grads.length - 1]).toMatchObject({ grads: { kind: 'sample', step: 6 } });
  });

  it('answers an unknown data set and Try before training with problems', async () => {
    const page = fakePage(() => undefined);
    const trainer = new WorkerTrainer(tf, 'http://127.0.0.1/', page.post);
    await trainer.handle({
      type: 'prepare',
      id: 1,
      data: { kind: 'builtin', name: 'no-such-set' },
      vocabBounds: [],
      set: {},
    });
    await trainer.handle({ type: 'predict', id: 2, text: 'maria' });
    expect(page.messages.map((m) => [m.type, 'id' in m ? m.id : -1])).toEqual([
      ['problems', 1],
      ['problems', 2],
    ]);
  });
});
