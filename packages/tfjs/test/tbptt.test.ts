import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lowerModule, Trainer, type TrainBatch } from '../src/index.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { expectClose, randomArray, useCpu } from './helpers.js';
import { disposeBatch } from './models.js';

beforeAll(useCpu);

const [B, T, D, H] = [3, 6, 2, 4];

/** x -> recurrence(s) -> dense per step: a tagger. */
function tagger(
  kind: 'rnn' | 'lstm' | 'gru',
  opts: { layers?: number; bidirectional?: boolean } = {},
) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', D]);
  const layers = opts.layers ?? 1;
  const bidirectional = opts.bidirectional ?? false;
  const gates = { rnn: 1, lstm: 4, gru: 3 }[kind];
  const [seq] = g.op(
    kind,
    [x],
    {
      hidden: H,
      layers,
      bidirectional,
      bias: true,
      ...(kind === 'rnn' ? { nonlinearity: 'tanh' } : {}),
    },
    {
      name: 'rec',
      params: recurrentParams(gates, D, H, layers, bidirectional),
      outputs: kind === 'lstm' ? 3 : 2,
      lengths: g.lengthsOf('T'),
    },
  );
  const [y] = g.op(
    'dense',
    [seq ?? ''],
    { units: 2, bias: true },
    {
      name: 'head',
      params: { weight: { shape: [2, (bidirectional ? 2 : 1) * H] }, bias: { shape: [2] } },
    },
  );
  g.output('logits', y ?? '');
  g.output('seq', seq ?? '');
  return g.module('Tagger');
}

/** Tag t = 1 iff feature 0 was positive one step earlier (needs the carried state). */
function tagBatch(seed: number): TrainBatch {
  const xs = randomArray([B, T, D], seed);
  const lengths = [6, 4, 5];
  const tags = Array.from({ length: B * T }, (_, i) =>
    i % T === 0 ? 0 : (xs[(i - 1) * D] ?? 0) > 0 ? 1 : 0,
  );
  return {
    inputs: { x: tf.tensor3d(xs, [B, T, D]) },
    lengths: { T: tf.tensor1d(lengths, 'int32') },
    targets: tf.tensor2d(tags, [B, T], 'int32'),
    targetLengths: tf.tensor1d(lengths, 'int32'),
  };
}

describe('forwardWithStates', () => {
  it.each(['rnn', 'lstm', 'gru'] as const)(
    '%s: two chunks with carried states equal one pass',
    (kind) => {
      const model = lowerModule(tagger(kind, { layers: 2 }), { seed: 1 });
      const xs = tf.tensor3d(randomArray([B, T, D], 2), [B, T, D]);
      const lengths = [6, 2, 4];
      const full = model.forwardWithStates({
        inputs: { x: xs },
        lengths: { T: tf.tensor1d(lengths, 'int32') },
      });
      const cut = 4;
      const a = model.forwardWithStates({
        inputs: { x: tf.slice(xs, [0, 0], [-1, cut]) },
        lengths: {
          T: tf.tensor1d(
            lengths.map((l) => Math.min(l, cut)),
            'int32',
          ),
        },
      });
      const b = model.forwardWithStates(
        {
          inputs: { x: tf.slice(xs, [0, cut], [-1, T - cut]) },
          lengths: {
            T: tf.tensor1d(
              lengths.map((l) => Math.max(0, Math.min(l - cut, T - cut))),
              'int32',
            ),
          },
        },
        { initialStates: a.states },
      );
      const joined = tf.concat([a.outputs['seq'] as tf.Tensor, b.outputs['seq'] as tf.Tensor], 1);
      expectClose(joined.arraySync(), (full.outputs['seq'] as tf.Tensor).arraySync());
      const fullStates = full.states.get([...full.states.keys()][0] ?? '') ?? [];
      const chunkStates = b.states.get([...b.states.keys()][0] ?? '') ?? [];
      expect(chunkStates).toHaveLength(model.module.graph.nodes[0]?.op === 'lstm' ? 2 : 1);
      chunkStates.forEach((s, i) => expectClose(s.arraySync(), fullStates[i]?.arraySync()));
      model.dispose();
    },
  );
});

describe('Trainer with tbptt', () => {
  it('equals plain training when the chunk covers the sequence', () => {
    const run = (tbptt?: number) => {
      const model = lowerModule(tagger('gru'), { seed: 3 });
      const trainer = new Trainer(model, {
        loss: 'cross_entropy',
        optimizer: { kind: 'adam', lr: 0.01 },
        ...(tbptt === undefined ? {} : { tbptt }),
      });
      const batch = tagBatch(4);
      const losses = [0, 1, 2].map(() => trainer.step(batch).loss);
      disposeBatch(batch);
      trainer.dispose();
      model.dispose();
      return losses;
    };
    const plain = run();
    const chunked = run(T);
    chunked.forEach((l, i) => expect(l).toBeCloseTo(plain[i] ?? NaN, 5));
  });

  it('learns a task that needs the carried state, without leaking tensors', () => {
    const model = lowerModule(tagger('lstm'), { seed: 5 });
    const trainer = new Trainer(model, {
      loss: 'cross_entropy',
      optimizer: { kind: 'adam', lr: 0.03 },
      tbptt: 2,
    });
    const batches = [tagBatch(6), tagBatch(7)];
    const before = trainer.evaluate(batches, ['loss'])['loss'] ?? NaN;
    trainer.step(batches[0] ?? tagBatch(0));
    const count = tf.memory().numTensors;
    for (let i = 1; i < 40; i++) trainer.step(batches[i % 2] ?? tagBatch(0));
    expect(tf.memory().numTensors).toBe(count);
    expect(trainer.stepCount).toBe(40 * 3); // 3 chunks of 2 steps per batch
    const after = trainer.evaluate(batches, ['loss'])['loss'] ?? NaN;
    expect(after).toBeLessThan(before * 0.8);
    batches.forEach(disposeBatch);
    trainer.dispose();
    model.dispose();
  });

  it('refuses bidirectional recurrences', () => {
    const model = lowerModule(tagger('rnn', { bidirectional: true }));
    expect(
      () =>
        new Trainer(model, {
          loss: 'cross_entropy',
          optimizer: { kind: 'sgd', lr: 0.1 },
          tbptt: 2,
        }),
    ).toThrow(/backwards/);
    model.dispose();
  });
});
