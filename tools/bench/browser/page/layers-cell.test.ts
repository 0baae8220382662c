/**
 * The tfjs-layers peer in Node on the cpu backend: it builds the models the issue names
 * (Keras parameter counts) and its timing loop runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLayersModel, runLayersCell } from './layers-cell.js';

const D = 8;
// Narrow: tfjs-layers' orthogonal initialiser is slow on the cpu backend for wide layers.
const H = 16;
const head = H * 4 + 4;

describe('tfjs-layers peer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    // Keras counts: one bias per gate (GRU without reset_after).
    ['rnn', D * H + H * H + H],
    ['lstm', 4 * (D * H + H * H + H)],
    ['gru', 3 * (D * H + H * H + H)],
    ['cnn', 3 * D * H + H + (3 * H * H + H)],
  ] as const)('%s has the Keras parameter count', (model, body) => {
    const m = buildLayersModel(model, 50, D, H);
    expect(m.countParams()).toBe(body + head);
    expect(m.outputs[0]?.shape).toEqual([null, 4]);
    m.dispose();
  });

  it('trains and infers a tiny rnn', async () => {
    const before = tf.memory().numTensors;
    const req = {
      engine: 'tfjs-layers',
      model: 'rnn',
      batch: 2,
      time: 3,
      inputSize: D,
      hidden: 8,
    } as const;
    const r = await runLayersCell(tf, { ...req, steps: 2, warmup: 1, seed: 0 });
    expect(r.error).toBeUndefined();
    expect(r.msPerStep).toBeGreaterThan(0);
    expect(r.inferMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});
