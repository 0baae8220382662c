import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowerModule, Trainer, type OptimizerSpec } from '../src/index.js';
import { GraphBuilder } from '@seqlab/ir/testing';
import { useCpu } from './helpers.js';
import { classifier, disposeBatch, toyBatch } from './models.js';

beforeAll(useCpu);

const batches = [toyBatch(1), toyBatch(2), toyBatch(3)];
afterAll(() => batches.forEach(disposeBatch));

function trainLosses(
  kind: 'rnn' | 'lstm' | 'gru' | 'conv1d',
  optimizer: OptimizerSpec,
  steps: number,
  seed = 0,
  dropout?: number,
) {
  const model = lowerModule(classifier(kind, dropout === undefined ? {} : { dropout }), { seed });
  const trainer = new Trainer(model, { loss: 'cross_entropy', optimizer, seed });
  const losses: number[] = [];
  for (let i = 0; i < steps; i++)
    losses.push(trainer.step(batches[i % batches.length] ?? toyBatch(0)).loss);
  const evalLoss = trainer.evaluate(batches, ['loss'])['loss'] ?? NaN;
  trainer.dispose();
  model.dispose();
  return { losses, evalLoss };
}

describe('optimisers', () => {
  const specs: OptimizerSpec[] = [
    { kind: 'sgd', lr: 0.5 },
    { kind: 'momentum', lr: 0.1, momentum: 0.9 },
    { kind: 'adam', lr: 0.03 },
    { kind: 'adamw', lr: 0.03, weightDecay: 0.01 },
    { kind: 'rmsprop', lr: 0.01 },
  ];
  it.each(specs)('$kind decreases the loss of a small conv1d classifier', (spec) => {
    const before = trainLosses('conv1d', spec, 0).evalLoss;
    const after = trainLosses('conv1d', spec, 30).evalLoss;
    expect(after).toBeLessThan(before * 0.9);
  });
});

describe('determinism', () => {
  it('gives identical losses for the same seed on cpu (with dropout)', () => {
    const spec: OptimizerSpec = { kind: 'adam', lr: 0.01 };
    const a = trainLosses('lstm', spec, 6, 42, 0.3).losses;
    const b = trainLosses('lstm', spec, 6, 42, 0.3).losses;
    const c = trainLosses('lstm', spec, 6, 43, 0.3).losses;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('memory', () => {
  it.each(['rnn', 'lstm', 'gru', 'conv1d'] as const)(
    '%s: no tensors leak between step 1 and step 50',
    (kind) => {
      const model = lowerModule(classifier(kind), { seed: 1 });
      const trainer = new Trainer(model, {
        loss: 'cross_entropy',
        optimizer: { kind: 'adam', lr: 0.01 },
        clipNorm: 1,
        schedule: { kind: 'cosine', warmup: 5, total: 50 },
      });
      trainer.step(batches[0] ?? toyBatch(0));
      const after1 = tf.memory().numTensors;
      for (let i = 1; i < 50; i++) trainer.step(batches[i % 3] ?? toyBatch(0));
      expect(tf.memory().numTensors).toBe(after1);
      trainer.evaluate(batches, ['loss', 'accuracy']);
      expect(tf.memory().numTensors).toBe(after1);
      trainer.dispose();
      model.dispose();
    },
  );
});

describe('partial graphs', () => {
  it('leaves parameters the trained output does not reach untouched (adam, weight decay)', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 4]);
    const [a] = g.op(
      'dense',
      [x],
      { units: 2, bias: true },
      {
        name: 'a',
        params: { weight: { shape: [2, 4] }, bias: { shape: [2] } },
      },
    );
    const [b] = g.op(
      'dense',
      [x],
      { units: 2, bias: true },
      {
        name: 'b',
        params: { weight: { shape: [2, 4] }, bias: { shape: [2] } },
      },
    );
    g.output('a', a ?? '');
    g.output('b', b ?? '');
    const model = lowerModule(g.module());
    const values = (name: string) => Array.from(model.variables.get(name)?.dataSync() ?? []);
    const a0 = values('a.weight');
    const b0 = values('b.weight');
    const trainer = new Trainer(model, {
      loss: 'mse',
      optimizer: { kind: 'adam', lr: 0.1, weightDecay: 0.1 },
      output: 'b',
    });
    const batch = { inputs: { x: tf.ones([3, 4]) }, targets: tf.zeros([3, 2]) };
    for (let i = 0; i < 3; i++) trainer.step(batch);
    expect(values('a.weight')).toEqual(a0);
    expect(values('b.weight')).not.toEqual(b0);
    tf.dispose([batch.inputs.x, batch.targets]);
    trainer.dispose();
    model.dispose();
  });
});

describe('clipping', () => {
  function linearModel() {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 4]);
    const [y] = g.op(
      'dense',
      [x],
      { units: 2, bias: true },
      {
        name: 'fc',
        params: { weight: { shape: [2, 4] }, bias: { shape: [2] } },
      },
    );
    g.output('y', y ?? '');
    return lowerModule(g.module(), { seed: 5 });
  }
  const batch = {
    inputs: {
      x: tf.tensor2d([
        [10, -20, 30, 5],
        [7, 8, -9, 40],
      ]),
    },
    targets: tf.tensor2d([
      [100, -50],
      [-80, 60],
    ]),
  };
  afterAll(() => tf.dispose([batch.inputs.x, batch.targets]));
  function snapshot(model: ReturnType<typeof linearModel>) {
    return [...model.variables.values()].flatMap((v) => Array.from(v.dataSync()));
  }

  it('clip_norm bounds the applied global norm (sgd, lr = 1: update = -grad)', () => {
    const model = linearModel();
    const trainer = new Trainer(model, {
      loss: 'mse',
      optimizer: { kind: 'sgd', lr: 1 },
      clipNorm: 2,
    });
    const before = snapshot(model);
    const r = trainer.step(batch);
    const after = snapshot(model);
    const applied = Math.sqrt(before.reduce((s, v, i) => s + (v - (after[i] ?? 0)) ** 2, 0));
    expect(r.gradNorm).toBeGreaterThan(2);
    expect(r.clipped).toBe(true);
    expect(applied).toBeLessThanOrEqual(2 + 1e-4);
    expect(applied).toBeGreaterThan(2 * 0.999);
    trainer.dispose();
    model.dispose();
  });

  it('reports the pre-clip norm and leaves small gradients alone', () => {
    const model = linearModel();
    const trainer = new Trainer(model, {
      loss: 'mse',
      optimizer: { kind: 'sgd', lr: 1 },
      clipNorm: 1e9,
    });
    const before = snapshot(model);
    const r = trainer.step(batch);
    const after = snapshot(model);
    const applied = Math.sqrt(before.reduce((s, v, i) => s + (v - (after[i] ?? 0)) ** 2, 0));
    expect(r.clipped).toBe(false);
    expect(Math.abs(applied - r.gradNorm) / r.gradNorm).toBeLessThan(1e-5);
    trainer.dispose();
    model.dispose();
  });

  it('clip_value bounds every element', () => {
    const model = linearModel();
    const trainer = new Trainer(model, {
      loss: 'mse',
      optimizer: { kind: 'sgd', lr: 1 },
      clipValue: 0.5,
    });
    const before = snapshot(model);
    const r = trainer.step(batch);
    const after = snapshot(model);
    const deltas = before.map((v, i) => Math.abs(v - (after[i] ?? 0)));
    expect(r.clipped).toBe(true);
    expect(Math.max(...deltas)).toBeLessThanOrEqual(0.5 + 1e-6);
    expect(Math.max(...deltas)).toBeGreaterThan(0.49);
    trainer.dispose();
    model.dispose();
  });
});
