import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { stepMacs, stepProducts } from './step-products.js';
import { timeProducts } from './time-products.js';
import { SIZES } from '../rows.js';

const GATES = { rnn: 1, lstm: 4, gru: 3 } as const;

describe('stepProducts', () => {
  it('counts the textbook multiply-accumulates of a recurrence: 2× the projection, 3× the recurrence', () => {
    for (const size of Object.values(SIZES)) {
      for (const [model, gates] of Object.entries(GATES)) {
        const { batch: b, time: t, input: d, hidden: h } = size;
        const projection = b * t * d * gates * h;
        const recurrent = b * t * h * gates * h;
        expect(stepMacs(stepProducts(model, size)), model).toBe(2 * projection + 3 * recurrent);
      }
    }
  });

  it('counts both convolutions of the cnn (no input gradient for the first)', () => {
    const s = SIZES.small;
    const conv = (inWidth: number) => s.batch * s.time * 3 * inWidth * s.hidden;
    expect(stepMacs(stepProducts('cnn', s))).toBe(2 * conv(s.input) + 3 * conv(s.hidden));
  });

  it('gives shapes tf.matMul accepts, and times each one on a backend', async () => {
    await tf.setBackend('cpu');
    const tiny = { batch: 2, time: 3, input: 2, hidden: 4 };
    for (const model of ['rnn', 'lstm', 'gru', 'cnn']) {
      const products = stepProducts(model, tiny);
      const timings = timeProducts(
        tf,
        products.map((p) => p.shape),
        2,
      );
      expect(timings.map((t) => t.label)).toEqual(products.map((p) => p.shape.label));
      for (const t of timings) {
        expect(t.ms).toBeGreaterThan(0);
        expect(Number.isFinite(t.gmacs)).toBe(true);
      }
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('refuses a model it has no products for', () => {
    expect(() => stepProducts('transformer', SIZES.small)).toThrow(/no products known/);
  });
});
