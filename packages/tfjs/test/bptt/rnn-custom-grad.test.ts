/**
 * The built-in tanh rnn with the explicit BPTT gradient (tf.customGrad) against the same
 * model differentiated by tfjs autodiff: identical forward values when masked (within 1e-6
 * otherwise), gradients within 1e-5
 * (norm-wise relative error) for every parameter and the inputs, in float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lowerModule } from '../../src/index.js';
import type { CompiledModel } from '../../src/types.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { randomArray, useCpu } from '../helpers.js';
import { relativeError } from './relative-error.js';

beforeAll(useCpu);

interface Case {
  readonly B: number;
  readonly T: number;
  readonly D: number;
  readonly H: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly bias?: boolean;
  readonly lengths?: readonly number[];
  readonly initial?: boolean;
}

function build(c: Case) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', c.D]);
  const dirs = c.bidirectional ? 2 : 1;
  const ins = [x];
  if (c.initial) ins.push(g.input('h0', [c.layers * dirs, 'B', c.H]));
  const outs = g.op(
    'rnn',
    ins,
    {
      hidden: c.H,
      layers: c.layers,
      bidirectional: c.bidirectional,
      bias: c.bias ?? true,
      nonlinearity: 'tanh',
    },
    {
      name: 'rec',
      params: recurrentParams(1, c.D, c.H, c.layers, c.bidirectional, c.bias ?? true),
      outputs: 2,
      ...(c.lengths ? { lengths: g.lengthsOf('T') } : {}),
    },
  );
  g.output('seq', outs[0] ?? '');
  g.output('h_n', outs[1] ?? '');
  return g.module();
}

/** Loss = <R1, seq> + <R2, h_n>; gradients for every variable and for x (and h0). */
function gradients(model: CompiledModel, c: Case) {
  const dirs = c.bidirectional ? 2 : 1;
  return tf.tidy(() => {
    const x = tf.tensor3d(randomArray([c.B, c.T, c.D], 1), [c.B, c.T, c.D]);
    const h0 = tf.tensor3d(randomArray([c.layers * dirs, c.B, c.H], 2, 0.5), [
      c.layers * dirs,
      c.B,
      c.H,
    ]);
    const r1 = tf.tensor(randomArray([c.B, c.T, dirs * c.H], 3), [c.B, c.T, dirs * c.H]);
    const r2 = tf.tensor(randomArray([c.layers * dirs, c.B, c.H], 4), [c.layers * dirs, c.B, c.H]);
    const lengths = c.lengths ? { T: tf.tensor1d([...c.lengths], 'int32') } : undefined;
    const loss = (xIn: tf.Tensor, hIn: tf.Tensor): tf.Scalar => {
      const inputs: Record<string, tf.Tensor> = c.initial ? { x: xIn, h0: hIn } : { x: xIn };
      const out = model.forward({ inputs, ...(lengths ? { lengths } : {}) });
      const seq = out['seq'] as tf.Tensor;
      const hn = out['h_n'] as tf.Tensor;
      return tf.add(tf.sum(tf.mul(seq, r1)), tf.sum(tf.mul(hn, r2))) as tf.Scalar;
    };
    const vars = [...model.variables.values()];
    const { value, grads } = tf.variableGrads(() => loss(x, h0), vars);
    const [dx, dh0] = c.initial
      ? tf.grads(loss)([x, h0])
      : [tf.grads((xi: tf.Tensor) => loss(xi, h0))([x])[0] as tf.Tensor, undefined];
    // A record, not a Map: tidy keeps only tensors it finds in arrays and objects.
    const byName: Record<string, tf.Tensor> = Object.fromEntries(
      [...model.variables].map(([name, v]) => [name, grads[v.name] as tf.Tensor]),
    );
    const seq = model.forward({
      inputs: c.initial ? { x, h0 } : { x },
      ...(lengths ? { lengths } : {}),
    });
    return {
      value,
      byName,
      dx: dx as tf.Tensor,
      seq: seq['seq'] as tf.Tensor,
      ...(dh0 ? { dh0 } : {}),
    };
  });
}

interface Grads {
  value: tf.Tensor;
  byName: Record<string, tf.Tensor>;
  dx: tf.Tensor;
  dh0?: tf.Tensor;
  seq: tf.Tensor;
}

function compare(c: Case): void {
  const module = build(c);
  const mine = lowerModule(module, { seed: 5, rnnGradient: 'bptt' });
  const ref = lowerModule(module, { seed: 5, rnnGradient: 'autodiff' });
  const a = gradients(mine, c) as Grads;
  const b = gradients(ref, c) as Grads;
  if (c.lengths) {
    // The masked recurrence runs the same ops in the same order: bit-identical.
    expect(Array.from(a.seq.dataSync())).toEqual(Array.from(b.seq.dataSync()));
    expect(a.value.dataSync()[0]).toBe(b.value.dataSync()[0]);
  } else {
    // Unmasked, the cell kernels compute tanh in double precision (explicit-recurrence.ts).
    expect(relativeError(a.seq, b.seq)).toBeLessThanOrEqual(1e-6);
  }
  for (const [name, g] of Object.entries(b.byName)) {
    expect(relativeError(a.byName[name] as tf.Tensor, g), name).toBeLessThanOrEqual(1e-5);
  }
  expect(relativeError(a.dx, b.dx), 'dx').toBeLessThanOrEqual(1e-5);
  if (a.dh0 && b.dh0) expect(relativeError(a.dh0, b.dh0), 'dh0').toBeLessThanOrEqual(1e-5);
  mine.dispose();
  ref.dispose();
}

describe('built-in rnn: explicit BPTT gradient equals autodiff', () => {
  it('1 layer, unidirectional', () => {
    compare({ B: 3, T: 7, D: 4, H: 5, layers: 1, bidirectional: false });
  });
  it('2 layers, bidirectional, padded lengths', () => {
    compare({ B: 3, T: 6, D: 2, H: 4, layers: 2, bidirectional: true, lengths: [6, 2, 4] });
  });
  it('2 layers, initial states from an input, lengths, no bias', () => {
    compare({
      B: 4,
      T: 5,
      D: 3,
      H: 3,
      layers: 2,
      bidirectional: false,
      bias: false,
      lengths: [5, 1, 3, 4],
      initial: true,
    });
  });
  it('a long sequence', () => {
    compare({ B: 2, T: 60, D: 3, H: 8, layers: 1, bidirectional: false });
  });
  it('leaks no tensors in training or inference', () => {
    const c: Case = { B: 2, T: 5, D: 3, H: 4, layers: 1, bidirectional: true, lengths: [5, 3] };
    const model = lowerModule(build(c), { seed: 1, rnnGradient: 'bptt' });
    const x = tf.tensor3d(randomArray([2, 5, 3], 8), [2, 5, 3]);
    const lengths = { T: tf.tensor1d([5, 3], 'int32') };
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(model.forward({ inputs: { x }, lengths })['seq'] as tf.Tensor) as tf.Scalar,
      [...model.variables.values()],
    );
    tf.dispose([value, ...Object.values(grads)]);
    tf.dispose(Object.values(model.forward({ inputs: { x }, lengths })));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, lengths.T]);
    model.dispose();
  });
});
