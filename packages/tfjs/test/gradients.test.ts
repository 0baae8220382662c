/**
 * Gradient checks. Recurrences, conv1d and embed: tfjs autodiff (through the gradients this
 * package registers) against central finite differences of the float64 references. Other
 * ops: against finite differences of the lowered model itself (looser, float32).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lowerModule, type CompiledModel } from '../src/index.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { flat, randomArray, toSeq, useCpu } from './helpers.js';
import { recurrentRef } from './reference/recurrent.js';
import { conv1dRef } from './reference/layers.js';

beforeAll(useCpu);

type Params = Map<string, number[]>;

function paramsOf(model: CompiledModel): Params {
  return new Map([...model.variables].map(([n, v]) => [n, Array.from(v.dataSync())]));
}

/** d loss / d params by central differences on a float64 function of the parameters. */
function finiteDifferences(params: Params, loss: (p: Params) => number, eps = 1e-6): Params {
  const grads: Params = new Map();
  for (const [name, values] of params) {
    const g = values.map((v, i) => {
      values[i] = v + eps;
      const up = loss(params);
      values[i] = v - eps;
      const down = loss(params);
      values[i] = v;
      return (up - down) / (2 * eps);
    });
    grads.set(name, g);
  }
  return grads;
}

function autodiff(model: CompiledModel, loss: () => tf.Scalar): Params {
  const { value, grads } = tf.variableGrads(loss, [...model.variables.values()]);
  const out: Params = new Map();
  for (const [name, v] of model.variables) {
    const g = grads[v.name];
    out.set(name, g ? Array.from(g.dataSync()) : new Array<number>(v.size).fill(0));
  }
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

function expectGradsClose(actual: Params, expected: Params, rel: number, abs: number) {
  for (const [name, e] of expected) {
    const a = actual.get(name) ?? [];
    e.forEach((ev, i) => {
      const av = a[i] ?? NaN;
      const ok = Math.abs(av - ev) <= abs + rel * Math.abs(ev);
      if (!ok) expect.fail(`${name}[${i}]: autodiff ${av} vs numeric ${ev}`);
    });
  }
}

/** Weighted sum: a loss that sees every output element with a different weight. */
function weightedSum(values: readonly number[], weights: readonly number[]) {
  return values.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0);
}

describe.each(['rnn', 'lstm', 'gru'] as const)('%s gradients', (kind) => {
  it('match finite differences of the float64 reference (bidirectional, 2 layers, padded)', () => {
    const [B, T, D, H, L] = [2, 4, 2, 2, 2];
    const gates = { rnn: 1, lstm: 4, gru: 3 }[kind];
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', D]);
    const attrs = {
      hidden: H,
      layers: L,
      bidirectional: true,
      bias: true,
      ...(kind === 'rnn' ? { nonlinearity: 'tanh' } : {}),
    };
    const outs = g.op(kind, [x], attrs, {
      name: 'rec',
      params: recurrentParams(gates, D, H, L, true),
      outputs: kind === 'lstm' ? 3 : 2,
      lengths: g.lengthsOf('T'),
    });
    g.output('seq', outs[0] ?? '');
    g.output('h', outs[1] ?? '');
    const model = lowerModule(g.module(), { seed: 9 });
    const xs = randomArray([B, T, D], 3);
    const lengths = [4, 2];
    const w1 = randomArray([B, T, 2 * H], 4);
    const w2 = randomArray([2 * L, B, H], 5);
    const feeds = {
      inputs: { x: tf.tensor3d(xs, [B, T, D]) },
      lengths: { T: tf.tensor1d(lengths, 'int32') },
    };
    const analytic = autodiff(model, () => {
      const o = model.forward(feeds);
      const a = tf.sum(tf.mul(o['seq'] as tf.Tensor, tf.tensor3d(w1, [B, T, 2 * H])));
      return tf.add(
        a,
        tf.sum(tf.mul(o['h'] as tf.Tensor, tf.tensor3d(w2, [2 * L, B, H]))),
      ) as tf.Scalar;
    });
    const numeric = finiteDifferences(paramsOf(model), (p) => {
      const r = recurrentRef(
        { kind, hidden: H, layers: L, bidirectional: true },
        (role) => p.get(`rec.${role}`) ?? [],
        toSeq(xs, B, T, D),
        lengths,
      );
      return weightedSum(flat(r.seq), w1) + weightedSum(flat(r.hN), w2);
    });
    expectGradsClose(analytic, numeric, 1e-3, 1e-4);
    tf.dispose([feeds.inputs.x, feeds.lengths.T]);
    model.dispose();
  });
});

describe('conv1d gradients', () => {
  it.each([
    { padding: 'same', kernel: 3, stride: 2, dilation: 1 },
    { padding: 'causal', kernel: 2, stride: 1, dilation: 2 },
  ] as const)('match finite differences: %o', ({ padding, kernel, stride, dilation }) => {
    const [B, T, C, F] = [2, 7, 2, 3];
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', C]);
    const [y] = g.op(
      'conv1d',
      [x],
      { filters: F, kernel, stride, dilation, padding, bias: true },
      {
        name: 'conv',
        params: { weight: { shape: [F, C, kernel] }, bias: { shape: [F] } },
      },
    );
    g.output('y', y ?? '');
    const model = lowerModule(g.module(), { seed: 2 });
    const xs = randomArray([B, T, C], 6);
    const input = tf.tensor3d(xs, [B, T, C]);
    const probe = model.forward({ inputs: { x: input } });
    const outShape = (probe['y'] as tf.Tensor).shape;
    tf.dispose(probe);
    const w = randomArray(outShape, 7);
    const analytic = autodiff(model, () => {
      const o = model.forward({ inputs: { x: input } });
      return tf.sum(tf.mul(o['y'] as tf.Tensor, tf.tensor(w, outShape))) as tf.Scalar;
    });
    const numeric = finiteDifferences(paramsOf(model), (p) =>
      weightedSum(
        flat(
          conv1dRef(
            toSeq(xs, B, T, C),
            p.get('conv.weight') ?? [],
            p.get('conv.bias') ?? [],
            F,
            kernel,
            stride,
            dilation,
            padding,
          ),
        ),
        w,
      ),
    );
    expectGradsClose(analytic, numeric, 1e-3, 1e-4);
    input.dispose();
    model.dispose();
  });
});

describe('embed gradient', () => {
  it('sums over repeated ids and leaves the padding row untouched', () => {
    const g = new GraphBuilder();
    const ids = g.input('ids', ['B', 'T'], 'int32');
    const [e] = g.op(
      'embed',
      [ids],
      { dim: 2, padding_idx: 0 },
      {
        name: 'emb',
        params: { weight: { shape: [4, 2], init: { kind: 'normal', mean: 0, std: 1 } } },
      },
    );
    g.output('e', e ?? '');
    const model = lowerModule(g.module());
    const idList = [3, 1, 3, 0, 0, 2];
    const w = randomArray([2, 3, 2], 8);
    const input = tf.tensor2d(idList, [2, 3], 'int32');
    const analytic = autodiff(model, () => {
      const o = model.forward({ inputs: { ids: input } });
      return tf.sum(tf.mul(o['e'] as tf.Tensor, tf.tensor3d(w, [2, 3, 2]))) as tf.Scalar;
    });
    const expected = [0, 0, 0, 0, 0, 0, 0, 0];
    idList.forEach((id, pos) => {
      if (id === 0) return;
      for (let d = 0; d < 2; d++)
        expected[id * 2 + d] = (expected[id * 2 + d] ?? 0) + (w[pos * 2 + d] ?? 0);
    });
    expectGradsClose(analytic, new Map([['emb.weight', expected]]), 1e-6, 1e-6);
    input.dispose();
    model.dispose();
  });
});

describe('registered gradients of the other ops', () => {
  it('match float32 finite differences of the lowered model', () => {
    // x -> dense -> layer_norm -> gelu -> [slice | softmax | sigmoid*exp/…] -> reductions.
    const [B, T, D] = [2, 3, 3];
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', D]);
    const L = g.lengthsOf('T');
    const [h] = g.op(
      'dense',
      [x],
      { units: 4, bias: true },
      {
        name: 'fc',
        params: { weight: { shape: [4, D] }, bias: { shape: [4] } },
      },
    );
    const [n] = g.op(
      'layer_norm',
      [h ?? ''],
      { eps: 1e-5 },
      {
        name: 'ln',
        params: {
          weight: { shape: [4], init: { kind: 'uniform', low: 0.5, high: 1.5 } },
          bias: { shape: [4], init: { kind: 'uniform', low: -0.1, high: 0.1 } },
        },
      },
    );
    const [ge] = g.op('gelu', [n ?? '']);
    const [sm] = g.op('softmax', [ge ?? '']);
    const [sl] = g.op('slice', [ge ?? ''], { start: 1, end: 3 });
    const [sg] = g.op('sigmoid', [sl ?? '']);
    const [ex] = g.op('exp', [sg ?? '']);
    const [lg] = g.op('log', [ex ?? '']);
    const [dv] = g.op('div', [lg ?? '', ex ?? '']);
    const [ng] = g.op('neg', [dv ?? '']);
    const [cc] = g.op('concat', [sm ?? '', ng ?? '']);
    const [p] = g.op('param', [], { name: g.param('P', [2, 6]) });
    const [mm] = g.op('matmul', [cc ?? '', p ?? ''], { transpose_b: true });
    const [tn] = g.op('tanh', [mm ?? '']);
    const [mx] = g.op('reduce_time', [tn ?? ''], { mode: 'max' }, { lengths: L });
    const [mean] = g.op('reduce_time', [tn ?? ''], { mode: 'mean' }, { lengths: L });
    const [last] = g.op('last', [tn ?? ''], {}, { lengths: L });
    const [s1] = g.op('add', [mx ?? '', mean ?? '']);
    const [s2] = g.op('mul', [s1 ?? '', last ?? '']);
    const [s3] = g.op('sub', [s2 ?? '', last ?? '']);
    const [r] = g.op('relu', [s3 ?? '']);
    const [out] = g.op('add', [r ?? '', s3 ?? '']);
    g.output('y', out ?? '');
    const model = lowerModule(g.module(), { seed: 11 });
    const feeds = {
      inputs: { x: tf.tensor3d(randomArray([B, T, D], 12, 1.5), [B, T, D]) },
      lengths: { T: tf.tensor1d([3, 2], 'int32') },
    };
    const w = tf.tensor2d(randomArray([B, 2], 13), [B, 2]);
    const loss = () => tf.sum(tf.mul(model.forward(feeds)['y'] as tf.Tensor, w)) as tf.Scalar;
    const analytic = autodiff(model, loss);
    const eps = 1e-2;
    const numeric: Params = new Map();
    for (const [name, v] of model.variables) {
      const base = Array.from(v.dataSync());
      numeric.set(
        name,
        base.map((b, i) => {
          const set = (vals: number[]) => tf.tidy(() => v.assign(tf.tensor(vals, v.shape)));
          const at = (delta: number) => {
            const vals = [...base];
            vals[i] = b + delta;
            set(vals);
            return tf.tidy(() => loss().dataSync()[0] ?? NaN);
          };
          const d = (at(eps) - at(-eps)) / (2 * eps);
          set(base);
          return d;
        }),
      );
    }
    expectGradsClose(analytic, numeric, 2e-2, 2e-3);
    tf.dispose([feeds.inputs.x, feeds.lengths.T, w]);
    model.dispose();
  });
});
