import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lowerModule } from '../src/index.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { expectClose, nested, randomArray, toSeq, useCpu, weightsOf } from './helpers.js';
import { recurrentRef, type RecurrentSpec } from './reference/recurrent.js';

beforeAll(useCpu);

const B = 3;
const T = 5;
const D = 4;
const H = 3;
const GATES = { rnn: 1, lstm: 4, gru: 3 } as const;

interface Case extends RecurrentSpec {
  readonly lengths?: readonly number[];
  readonly initial?: boolean;
}

function build(spec: Case) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', D]);
  const dirs = spec.bidirectional ? 2 : 1;
  const ins = [x];
  if (spec.initial) {
    ins.push(g.input('h0', [spec.layers * dirs, 'B', H]));
    if (spec.kind === 'lstm') ins.push(g.input('c0', [spec.layers * dirs, 'B', H]));
  }
  const attrs = {
    hidden: H,
    layers: spec.layers,
    bidirectional: spec.bidirectional,
    bias: spec.bias ?? true,
    ...(spec.kind === 'rnn' ? { nonlinearity: spec.relu ? 'relu' : 'tanh' } : {}),
  };
  const outs = g.op(spec.kind, ins, attrs, {
    name: 'rec',
    params: recurrentParams(
      GATES[spec.kind],
      D,
      H,
      spec.layers,
      spec.bidirectional,
      spec.bias ?? true,
    ),
    outputs: spec.kind === 'lstm' ? 3 : 2,
    ...(spec.lengths ? { lengths: g.lengthsOf('T') } : {}),
  });
  g.output('seq', outs[0] ?? '');
  g.output('h_n', outs[1] ?? '');
  if (spec.kind === 'lstm') g.output('c_n', outs[2] ?? '');
  return g.module();
}

function check(spec: Case) {
  const model = lowerModule(build(spec), { seed: 7 });
  const dirs = spec.bidirectional ? 2 : 1;
  const xs = randomArray([B, T, D], 11);
  const h0 = randomArray([spec.layers * dirs, B, H], 12, 0.5);
  const c0 = randomArray([spec.layers * dirs, B, H], 13, 0.5);
  const inputs: Record<string, tf.Tensor> = { x: tf.tensor3d(xs, [B, T, D]) };
  if (spec.initial) {
    inputs['h0'] = tf.tensor3d(h0, [spec.layers * dirs, B, H]);
    inputs['c0'] = tf.tensor3d(c0, [spec.layers * dirs, B, H]);
  }
  const lengths = spec.lengths ? { T: tf.tensor1d([...spec.lengths], 'int32') } : undefined;
  const out = model.forward({ inputs, ...(lengths ? { lengths } : {}) });
  const ref = recurrentRef(
    spec,
    weightsOf(model, 'rec'),
    toSeq(xs, B, T, D),
    spec.lengths,
    spec.initial ? toSeq(h0, spec.layers * dirs, B, H) : undefined,
    spec.initial ? toSeq(c0, spec.layers * dirs, B, H) : undefined,
  );
  expectClose(nested(out['seq'] as tf.Tensor), ref.seq);
  expectClose(nested(out['h_n'] as tf.Tensor), ref.hN);
  if (spec.kind === 'lstm') expectClose(nested(out['c_n'] as tf.Tensor), ref.cN);
  // Padded steps emit exact zeros, like a packed sequence.
  if (spec.lengths) {
    const seq = nested(out['seq'] as tf.Tensor) as number[][][];
    spec.lengths.forEach((len, b) => {
      for (let t = len; t < T; t++) expect(seq[b]?.[t]?.every((v) => v === 0)).toBe(true);
    });
  }
  tf.dispose([...Object.values(out), ...Object.values(inputs), ...(lengths ? [lengths.T] : [])]);
  model.dispose();
}

describe.each(['rnn', 'lstm', 'gru'] as const)(
  '%s lowering matches the float64 reference',
  (kind) => {
    it('1 layer, unidirectional, full length', () => {
      check({ kind, hidden: H, layers: 1, bidirectional: false });
    });
    it('2 layers, bidirectional, padded lengths', () => {
      check({ kind, hidden: H, layers: 2, bidirectional: true, lengths: [5, 2, 4] });
    });
    it('2 layers, unidirectional, initial states from inputs, lengths', () => {
      check({
        kind,
        hidden: H,
        layers: 2,
        bidirectional: false,
        lengths: [3, 5, 1],
        initial: true,
      });
    });
    it('1 layer, bidirectional, no bias', () => {
      check({ kind, hidden: H, layers: 1, bidirectional: true, bias: false });
    });
  },
);

describe('rnn nonlinearity', () => {
  it('relu follows PyTorch', () => {
    check({
      kind: 'rnn',
      hidden: H,
      layers: 2,
      bidirectional: true,
      relu: true,
      lengths: [4, 5, 2],
    });
  });
});
