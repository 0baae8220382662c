/**
 * The declared loss is the one trained (and a target it cannot score is a binding
 * problem), and the regression metrics mse, mae, rmse and r2 over real target elements.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadBuiltin, type SequenceDataset } from '@seqlab/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindDataset, MetricAccumulator } from '../src/index.js';
import { useCpu } from './helpers.js';
import { classifier } from './models.js';

beforeAll(useCpu);

function builtin(name: string, opts: Record<string, number>): SequenceDataset {
  const r = loadBuiltin(name, opts);
  if (!r.dataset) throw new Error(`${name} did not load`);
  return r.dataset;
}

describe('bindDataset with a declared loss', () => {
  const adding = builtin('adding', { train: 8, valid: 2, test: 2, length: 5 });
  const model = classifier('gru', { D: 2, classes: 1 });

  it('keeps the declared loss, and follows the target without one', () => {
    const declared = bindDataset(model, adding, 'mse');
    expect(declared.ok && declared.binding.loss).toBe('mse');
    const inferred = bindDataset(model, adding);
    expect(inferred.ok && inferred.binding.loss).toBe('mse');
  });

  it('cross_entropy on numeric targets is a problem that names the fix', () => {
    const r = bindDataset(model, adding, 'cross_entropy');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.join()).toMatch(/loss = cross_entropy needs class labels.*loss = mse/);
  });

  it('mse on class labels is a problem that names the fix', () => {
    const copy = builtin('copy', { train: 4, valid: 1, test: 1 });
    const tagger = classifier('gru', { D: 4, classes: 12, vocab: 12 });
    const r = bindDataset(tagger, copy, 'mse');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join()).toMatch(/loss = mse needs numeric targets.*cross_entropy/);
  });
});

describe('regression metrics', () => {
  it('mse, mae, rmse and r2 match a hand computation', () => {
    const acc = new MetricAccumulator(tf, 'mse', false);
    const pred = [[1], [2], [4], [7]];
    const y = [[1], [3], [3], [5]];
    acc.add(tf.tensor2d(pred.slice(0, 2)), tf.tensor2d(y.slice(0, 2)));
    acc.add(tf.tensor2d(pred.slice(2)), tf.tensor2d(y.slice(2)));
    const m = acc.result(['loss', 'mse', 'mae', 'rmse', 'r2', 'accuracy']);
    const mse = (0 + 1 + 1 + 4) / 4;
    const variance = (4 + 0 + 0 + 4) / 4;
    expect(m.loss).toBeCloseTo(mse, 6);
    expect(m.mse).toBeCloseTo(mse, 6);
    expect(m.mae).toBeCloseTo((0 + 1 + 1 + 2) / 4, 6);
    expect(m.rmse).toBeCloseTo(Math.sqrt(mse), 6);
    expect(m.r2).toBeCloseTo(1 - mse / variance, 6);
    expect(m.accuracy).toBeNaN();
  });

  it('per-step targets count real steps only', () => {
    const acc = new MetricAccumulator(tf, 'mse', false);
    // Two sequences of 3 steps; the second has 1 real step, its padded steps are way off.
    const pred = tf.tensor3d([
      [[1], [2], [3]],
      [[10], [99], [99]],
    ]);
    const y = tf.tensor3d([
      [[1], [2], [5]],
      [[8], [0], [0]],
    ]);
    acc.add(pred, y, tf.tensor1d([3, 1], 'int32'));
    const m = acc.result(['mae', 'mse']);
    expect(m.mae).toBeCloseTo((0 + 0 + 2 + 2) / 4, 6);
    expect(m.mse).toBeCloseTo((0 + 0 + 4 + 4) / 4, 6);
  });

  it('regression metrics are NaN under cross-entropy', () => {
    const acc = new MetricAccumulator(tf, 'cross_entropy', false);
    acc.add(tf.tensor2d([[2, 0]]), tf.tensor1d([0], 'int32'));
    const m = acc.result(['mse', 'r2', 'accuracy']);
    expect(m.mse).toBeNaN();
    expect(m.accuracy).toBe(1);
  });
});
