import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../../src/train/training-controller.js';
import {
  mergeProgress,
  progressDelta,
  replyId,
  type SentCounts,
  type WorkerToPage,
} from '../../src/worker/protocol.js';

/** A run's progress after `steps` steps, evaluated every 3 steps. */
function progressAt(steps: number, phase: TrainProgress['phase'] = 'running'): TrainProgress {
  const losses = Array.from({ length: steps }, (_, i) => ({ step: i + 1, loss: 2 - i / 10 }));
  const evals = losses
    .filter((l) => l.step % 3 === 0)
    .map((l) => ({ step: l.step, epoch: 0, values: { loss: l.loss } }));
  return {
    phase,
    epoch: 0,
    epochs: 2,
    batch: steps,
    batches: 10,
    step: steps,
    losses,
    evals,
    samplesPerSecond: 100 + steps,
  };
}

describe('progress deltas', () => {
  it('carry only the points added since the last message', () => {
    const sent: SentCounts = { losses: 0, evals: 0 };
    expect(progressDelta(progressAt(4), sent)).toMatchObject({ lossFrom: 0, evalFrom: 0 });
    const d = progressDelta(progressAt(7), sent);
    expect(d.lossFrom).toBe(4);
    expect(d.losses.map((l) => l.step)).toEqual([5, 6, 7]);
    expect(d.evalFrom).toBe(1);
    expect(d.evals.map((e) => e.step)).toEqual([6]);
    expect(sent).toEqual({ losses: 7, evals: 2 });
    // Nothing new: an empty delta that still carries the phase.
    const same = progressDelta(progressAt(7, 'paused'), sent);
    expect(same.losses).toEqual([]);
    expect(same.phase).toBe('paused');
  });

  it('rebuild on the page exactly the progress the worker has, step by step', () => {
    const sent: SentCounts = { losses: 0, evals: 0 };
    let page: TrainProgress | undefined;
    for (let steps = 0; steps <= 12; steps += 1 + (steps % 3)) {
      const worker = progressAt(steps);
      // Through structured cloning, as postMessage sends it.
      page = mergeProgress(page, structuredClone(progressDelta(worker, sent)));
      expect(page).toEqual(worker);
    }
  });

  it('start a new history when a new run begins (its history is shorter)', () => {
    const sent: SentCounts = { losses: 0, evals: 0 };
    let page = mergeProgress(undefined, progressDelta(progressAt(9), sent));
    const fresh = progressAt(2);
    const d = progressDelta(fresh, sent);
    expect(d.lossFrom).toBe(0);
    page = mergeProgress(page, d);
    expect(page).toEqual(fresh);
  });

  it('keep the failure message of a run', () => {
    const sent: SentCounts = { losses: 0, evals: 0 };
    const failed = { ...progressAt(3, 'failed'), message: 'the loss became NaN at step 3' };
    expect(mergeProgress(undefined, progressDelta(failed, sent)).message).toBe(failed.message);
  });
});

describe('messages', () => {
  it('name the request they answer; streamed ones answer none', () => {
    const reply: WorkerToPage = { type: 'problems', id: 7, problems: ['no data'] };
    const stream: WorkerToPage = { type: 'backend', name: 'webgl' };
    expect(replyId(reply)).toBe(7);
    expect(replyId(stream)).toBeUndefined();
  });

  it('survive structured cloning whole, bytes included', () => {
    const m: WorkerToPage = {
      type: 'run-zip',
      id: 3,
      name: 'NameGender-playground.zip',
      bytes: new Uint8Array([80, 75, 3, 4]),
    };
    const back = structuredClone(m);
    expect(back).toEqual(m);
    expect(back.type === 'run-zip' && back.bytes instanceof Uint8Array).toBe(true);
  });
});
