import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadBuiltin, type SequenceDataset } from '@seqlab/data';
import { bindDataset, TrainingSession, type GradReport, type StepInfo } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { WARM_UP_GAP } from '../../src/train/sample-cadence.js';
import {
  GradSampler,
  NO_RECURRENT_LAYER,
  sessionMeasure,
  type GradEvent,
} from '../../src/train/grad-sampler.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const info = (step: number): StepInfo => ({
  epoch: 1,
  batch: step,
  batches: 1000,
  step,
  loss: 1,
  gradNorm: 1,
  clipped: false,
  lr: 0.1,
  samples: step,
});

const fakeReport: GradReport = { lossAt: 'last', steps: 0, batch: 1, layers: [] };

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('gradient sampler', () => {
  it('measures by the budget: steps of 10 ms and measurements of 20 ms give one per 20 steps', () => {
    const clock = manualClock();
    const measured: number[] = [];
    const sampler = new GradSampler({
      clock: clock.now,
      setup: {
        ok: true,
        measure: () => {
          clock.advance(20);
          return fakeReport;
        },
      },
    });
    sampler.subscribe((e) => e.kind === 'sample' && measured.push(e.step));
    sampler.start();
    for (let step = 1; step <= 100; step++) {
      clock.advance(10);
      sampler.step(info(step));
    }
    // Step 1, the warm-up's follow-up, then every 20 steps.
    const second = 1 + WARM_UP_GAP;
    expect(measured.slice(0, 4)).toEqual([1, second, second + 20, second + 40]);
    expect(sampler.gap).toBe(20);
  });

  it('does not take a pause for a slow step', () => {
    const clock = manualClock();
    let count = 0;
    const sampler = new GradSampler({
      clock: clock.now,
      setup: {
        ok: true,
        measure: () => {
          clock.advance(20);
          count++;
          return fakeReport;
        },
      },
    });
    sampler.start();
    for (let step = 1; step <= 10; step++) {
      clock.advance(10);
      sampler.step(info(step));
    }
    // A minute paused, then resumed: the first step after it is not timed.
    clock.advance(60_000);
    sampler.start();
    for (let step = 11; step <= 12; step++) {
      clock.advance(10);
      sampler.step(info(step));
    }
    expect(sampler.gap).toBe(20);
    expect(count).toBe(2);
  });

  it('turns itself off with a reason when a measurement fails; training is not disturbed', () => {
    const events: GradEvent[] = [];
    const sampler = new GradSampler({
      setup: {
        ok: true,
        measure: () => {
          throw new Error('no gradient op on this backend');
        },
      },
    });
    sampler.subscribe((e) => events.push(e));
    sampler.start();
    for (let step = 1; step <= 10; step++) expect(() => sampler.step(info(step))).not.toThrow();
    expect(events).toEqual([
      { kind: 'unavailable', reason: expect.stringMatching(/no gradient op on this backend/) },
    ]);
    // A late listener hears why, too.
    const late: GradEvent[] = [];
    sampler.subscribe((e) => late.push(e));
    expect(late[0]?.kind).toBe('unavailable');
  });
});

/** A tiny adding-problem data set (T = 12). */
function adding(): SequenceDataset {
  const r = loadBuiltin('adding', { train: 32, valid: 8, test: 0, length: 12 });
  if (!r.dataset) throw new Error('adding did not load');
  return r.dataset;
}

function session(source: string, dataset: SequenceDataset) {
  const module = compileSource(source).result.module;
  if (!module) throw new Error('model does not compile');
  const bound = bindDataset(module, dataset);
  if (!bound.ok) throw new Error(bound.problems.join('; '));
  const s = new TrainingSession({
    module,
    dataset,
    binding: bound.binding,
    tf,
    seed: 1,
    batchSize: 8,
    train: { optimizer: { kind: 'adam', lr: 1e-2 } },
    metrics: [],
  });
  return { s, binding: bound.binding };
}

describe('measuring a session', () => {
  it('measures ‖∂L/∂h_t‖ on a fixed validation batch, one value per time step', async () => {
    const data = adding();
    const { s, binding } = session(
      'model A {\n  input x: [B, T, 2]\n  x |> rnn(6) |> rnn(4) |> last |> dense(1) -> sum\n  output sum\n}',
      data,
    );
    const setup = sessionMeasure(s, data, binding);
    expect(setup.ok).toBe(true);
    if (!setup.ok) return;
    const before = tf.memory().numTensors;
    const a = setup.measure();
    expect(tf.memory().numTensors).toBe(before);
    expect(a.layers.map((l) => l.gradNorms.length)).toEqual([12, 12]);
    expect(a.layers.every((l) => (l.spectralRadius ?? 0) > 0)).toBe(true);
    // The same batch and weights measure the same; training changes the numbers.
    expect(setup.measure().layers[0]?.gradNorms).toEqual(a.layers[0]?.gradNorms);
    await s.runEpoch();
    expect(setup.measure().layers[0]?.gradNorms).not.toEqual(a.layers[0]?.gradNorms);
    s.dispose();
  });

  it('says so for a model without a recurrent layer', () => {
    const data = adding();
    const { s, binding } = session(
      'model C {\n  input x: [B, T, 2]\n  x |> conv1d(4, 3) |> mean_over_time |> dense(1) -> sum\n  output sum\n}',
      data,
    );
    const setup = sessionMeasure(s, data, binding);
    expect(setup).toEqual({ ok: false, reason: NO_RECURRENT_LAYER });
    const events: GradEvent[] = [];
    new GradSampler({ setup }).subscribe((e) => events.push(e));
    expect(events).toEqual([{ kind: 'unavailable', reason: NO_RECURRENT_LAYER }]);
    s.dispose();
  });
});
