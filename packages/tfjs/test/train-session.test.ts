/**
 * A session stopped after any step continues at the next batch of the same epoch, in the
 * same process or in a new session restored from the weights, the optimiser state and the
 * position: the result equals the uninterrupted run bit for bit on cpu (with dropout).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadBuiltin, type SequenceDataset } from '@seqlab/data';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bindDataset,
  loadWeights,
  saveWeights,
  TrainingSession,
  type EpochOutcome,
} from '../src/index.js';
import { useCpu } from './helpers.js';
import { classifier } from './models.js';

beforeAll(useCpu);

function adding(): SequenceDataset {
  const r = loadBuiltin('adding', { train: 40, valid: 8, test: 0, length: 6 });
  if (!r.dataset) throw new Error('adding did not load');
  return r.dataset;
}

function session(): TrainingSession {
  const dataset = adding();
  const module = classifier('gru', { D: 2, classes: 1, dropout: 0.3 });
  const bound = bindDataset(module, dataset);
  if (!bound.ok) throw new Error(bound.problems.join('; '));
  return new TrainingSession({
    module,
    dataset,
    binding: bound.binding,
    tf,
    seed: 3,
    batchSize: 8,
    train: { optimizer: { kind: 'adam', lr: 1e-2 } },
    metrics: [],
  });
}

/** Runs `epochs` epochs, stopping once after `stopAfter` steps of the first call. */
async function run(s: TrainingSession, epochs: number, stopAfter?: number) {
  const outcomes: EpochOutcome[] = [];
  let steps = 0;
  while (s.epoch < epochs) {
    const o = await s.runEpoch({ onStep: () => steps++, shouldStop: () => steps === stopAfter });
    outcomes.push(o);
    if (o.kind === 'stopped') break;
  }
  return outcomes;
}

const bytes = async (s: TrainingSession): Promise<string> =>
  Buffer.from(await saveWeights(s.model)).toString('base64');

describe('TrainingSession position', () => {
  it('continues a stopped epoch at its next batch, in the same session or a restored one', async () => {
    const straight = session();
    const reference = await run(straight, 2);
    expect(straight.stepsPerEpoch).toBe(5);
    expect(reference.map((o) => o.kind)).toEqual(['done', 'done']);
    const want = await bytes(straight);

    const again = session();
    const stopped = await run(again, 2, 7);
    expect(stopped.at(-1)).toMatchObject({ kind: 'stopped', epoch: 2, steps: 2 });
    expect(again.position).toMatchObject({ epoch: 1, batch: 2, stats: { steps: 2 } });

    // A new session from the saved state: what a checkpoint holds.
    const resumed = session();
    expect(loadWeights(resumed.model, await saveWeights(again.model))).toEqual([]);
    const state = await again.trainer.saveState();
    await resumed.trainer.restoreState(state);
    resumed.restorePosition(JSON.parse(JSON.stringify(again.position)));
    const rest = await run(resumed, 2);
    expect(await bytes(resumed)).toBe(want);
    // The epoch's statistics run on across the stop.
    expect(rest).toEqual([{ ...reference[1], seconds: expect.any(Number) }]);

    // The same session continues too.
    await run(again, 2);
    expect(await bytes(again)).toBe(want);
    [straight, again, resumed].forEach((s) => s.dispose());
  });

  it('is never asked to stop after the last batch of an epoch', async () => {
    const s = session();
    const asked: number[] = [];
    const o = await s.runEpoch({
      onStep: (i) => asked.push(-i.batch),
      shouldStop: () => (asked.push(s.position.batch), false),
    });
    expect(o.kind).toBe('done');
    expect(asked).toEqual([-1, 1, -2, 2, -3, 3, -4, 4, -5]);
    expect(() => s.restorePosition({ ...s.position, batch: 5 })).toThrow(/outside an epoch/);
    s.dispose();
  });
});
