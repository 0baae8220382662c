/** Small hand-built models and data for the training tests. */
import * as tf from '@tensorflow/tfjs-core';
import type { IrModule } from '@seqlab/ir';
import type { TrainBatch } from '../src/index.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { randomArray } from './helpers.js';

/** Sequence classifier: x -> {rnn | lstm | gru | conv1d} -> last / mean -> dense(classes). */
export function classifier(
  kind: 'rnn' | 'lstm' | 'gru' | 'conv1d',
  opts: { D?: number; H?: number; classes?: number; dropout?: number; vocab?: number } = {},
): IrModule {
  const { D = 3, H = 6, classes = 2 } = opts;
  const g = new GraphBuilder();
  let x: string;
  if (opts.vocab === undefined) {
    x = g.input('x', ['B', 'T', D]);
  } else {
    const ids = g.input('ids', ['B', 'T'], 'int32');
    [x = ''] = g.op(
      'embed',
      [ids],
      { dim: D, padding_idx: 0 },
      {
        name: 'emb',
        params: { weight: { shape: [opts.vocab, D], init: { kind: 'normal', mean: 0, std: 1 } } },
      },
    );
  }
  const L = g.lengthsOf('T');
  let features: string;
  if (kind === 'conv1d') {
    const k = 1 / Math.sqrt(D * 3);
    const [c] = g.op(
      'conv1d',
      [x],
      { filters: H, kernel: 3, stride: 1, dilation: 1, padding: 'same', bias: true },
      {
        name: 'conv',
        params: {
          weight: { shape: [H, D, 3], init: { kind: 'uniform', low: -k, high: k } },
          bias: { shape: [H], init: { kind: 'uniform', low: -k, high: k } },
        },
      },
    );
    const [r] = g.op('relu', [c ?? '']);
    [features = ''] = g.op('reduce_time', [r ?? ''], { mode: 'mean' }, { lengths: L });
  } else {
    const gates = { rnn: 1, lstm: 4, gru: 3 }[kind];
    const attrs = {
      hidden: H,
      layers: 1,
      bidirectional: false,
      bias: true,
      ...(kind === 'rnn' ? { nonlinearity: 'tanh' } : {}),
    };
    const [seq] = g.op(kind, [x], attrs, {
      name: 'rec',
      params: recurrentParams(gates, D, H, 1, false),
      outputs: kind === 'lstm' ? 3 : 2,
      lengths: L,
    });
    [features = ''] = g.op('last', [seq ?? ''], {}, { lengths: L });
  }
  if (opts.dropout !== undefined)
    [features = ''] = g.op('dropout', [features], { rate: opts.dropout });
  const k = 1 / Math.sqrt(H);
  const [logits] = g.op(
    'dense',
    [features],
    { units: classes, bias: true },
    {
      name: 'head',
      params: {
        weight: { shape: [classes, H], init: { kind: 'uniform', low: -k, high: k } },
        bias: { shape: [classes], init: { kind: 'uniform', low: -k, high: k } },
      },
    },
  );
  g.output('logits', logits ?? '');
  return g.module('Classifier');
}

/** A learnable toy task: class 1 iff the first feature sums positive over the real steps. */
export function toyBatch(seed: number, B = 8, T = 6, D = 3): TrainBatch {
  const xs = randomArray([B, T, D], seed);
  const lengths = Array.from({ length: B }, (_, b) => 2 + ((b * 7 + seed) % (T - 1)));
  const labels = lengths.map((len, b) => {
    let s = 0;
    for (let t = 0; t < len; t++) s += xs[(b * T + t) * D] ?? 0;
    return s > 0 ? 1 : 0;
  });
  return {
    inputs: { x: tf.tensor3d(xs, [B, T, D]) },
    lengths: { T: tf.tensor1d(lengths, 'int32') },
    targets: tf.tensor1d(labels, 'int32'),
  };
}

/** Frees a batch's tensors. */
export function disposeBatch(batch: TrainBatch): void {
  tf.dispose([
    ...Object.values(batch.inputs),
    ...Object.values(batch.lengths ?? {}),
    batch.targets,
    ...(batch.targetLengths ? [batch.targetLengths] : []),
  ]);
}

/** Token version of the toy task: class 1 iff id 1 occurs more often than id 2. */
export function toyTokenBatch(seed: number, B = 8, T = 6): TrainBatch {
  const raw = randomArray([B, T], seed);
  const ids = raw.map((v) => 1 + Math.floor((v + 1) * 1.5)); // ids 1..3
  const lengths = Array.from({ length: B }, (_, b) => 2 + ((b * 5 + seed) % (T - 1)));
  const labels = lengths.map((len, b) => {
    let score = 0;
    for (let t = 0; t < len; t++) score += ids[b * T + t] === 1 ? 1 : ids[b * T + t] === 2 ? -1 : 0;
    return score > 0 ? 1 : 0;
  });
  lengths.forEach((len, b) => ids.fill(0, b * T + len, (b + 1) * T)); // pad with id 0
  return {
    inputs: { ids: tf.tensor2d(ids, [B, T], 'int32') },
    lengths: { T: tf.tensor1d(lengths, 'int32') },
    targets: tf.tensor1d(labels, 'int32'),
  };
}
