import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lowerModule } from '../src/index.js';
import type { CompiledModel } from '../src/index.js';
import { GraphBuilder } from '@seqlab/ir/testing';
import { expectClose, nested, randomArray, toSeq, useCpu, weightsOf } from './helpers.js';
import { conv1dRef, denseRef, layerNormRef, reduceTimeRef } from './reference/layers.js';

beforeAll(useCpu);

const live: tf.TensorContainer[] = [];
const models: CompiledModel[] = [];
afterEach(() => {
  tf.dispose(live.splice(0));
  for (const m of models.splice(0)) m.dispose();
});

function run(g: GraphBuilder, inputs: Record<string, tf.Tensor>, lengths?: number[]) {
  const model = lowerModule(g.module(), { seed: 3 });
  models.push(model);
  const feeds = {
    inputs,
    ...(lengths ? { lengths: { T: tf.tensor1d(lengths, 'int32') } } : {}),
  };
  const out = model.forward(feeds);
  live.push(out, inputs, feeds.lengths ?? {});
  return { model, out };
}

describe('dense', () => {
  it('is x W^T + b per step on [B, T, D]', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', 4]);
    const [y] = g.op(
      'dense',
      [x],
      { units: 3, bias: true },
      {
        name: 'fc',
        params: { weight: { shape: [3, 4] }, bias: { shape: [3] } },
      },
    );
    g.output('y', y ?? '');
    const xs = randomArray([2, 3, 4], 1);
    const { model, out } = run(g, { x: tf.tensor3d(xs, [2, 3, 4]) });
    const W = weightsOf(model, 'fc');
    const expected = toSeq(xs, 2, 3, 4).map((s) =>
      s.map((v) => denseRef(v, W('weight'), W('bias'), 3)),
    );
    expectClose(nested(out['y'] as tf.Tensor), expected);
  });
});

describe('embed', () => {
  it('looks up rows and keeps the padding row at zero', () => {
    const g = new GraphBuilder();
    const ids = g.input('ids', ['B', 'T'], 'int32');
    const [y] = g.op(
      'embed',
      [ids],
      { dim: 3, padding_idx: 0 },
      {
        name: 'emb',
        params: { weight: { shape: [5, 3], init: { kind: 'normal', mean: 0, std: 1 } } },
      },
    );
    g.output('y', y ?? '');
    const idList = [
      [1, 4, 0],
      [2, 2, 3],
    ];
    const { model, out } = run(g, { ids: tf.tensor2d(idList, [2, 3], 'int32') });
    const W = weightsOf(model, 'emb')('weight');
    expect(W.slice(0, 3)).toEqual([0, 0, 0]);
    const expected = idList.map((row) => row.map((id) => W.slice(id * 3, id * 3 + 3)));
    expectClose(nested(out['y'] as tf.Tensor), expected, 0);
  });
});

describe('conv1d', () => {
  const cases = [
    { padding: 'same', kernel: 3, stride: 1, dilation: 1 },
    { padding: 'same', kernel: 4, stride: 1, dilation: 2 },
    { padding: 'same', kernel: 3, stride: 2, dilation: 1 },
    { padding: 'valid', kernel: 3, stride: 1, dilation: 1 },
    { padding: 'valid', kernel: 2, stride: 3, dilation: 2 },
    { padding: 'causal', kernel: 3, stride: 1, dilation: 2 },
    { padding: 'causal', kernel: 2, stride: 2, dilation: 1 },
    { padding: 'same', kernel: 1, stride: 1, dilation: 1 },
  ] as const;
  it.each(cases)('matches nn.Conv1d: %o', ({ padding, kernel, stride, dilation }) => {
    const [B, T, C, F] = [2, 9, 3, 4];
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
    const xs = randomArray([B, T, C], 5);
    const { model, out } = run(g, { x: tf.tensor3d(xs, [B, T, C]) });
    const W = weightsOf(model, 'conv');
    const expected = conv1dRef(
      toSeq(xs, B, T, C),
      W('weight'),
      W('bias'),
      F,
      kernel,
      stride,
      dilation,
      padding,
    );
    expect((out['y'] as tf.Tensor).shape).toEqual([B, expected[0]?.length, F]);
    expectClose(nested(out['y'] as tf.Tensor), expected);
  });
});

describe('pools', () => {
  it('max_pool1d valid and avg_pool1d same (mean over real elements)', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', 1]);
    const [mx] = g.op('max_pool1d', [x], { kernel: 2, stride: 2, padding: 'valid' });
    const [av] = g.op('avg_pool1d', [x], { kernel: 3, stride: 2, padding: 'same' });
    g.output('max', mx ?? '');
    g.output('avg', av ?? '');
    const seq = [1, -2, 5, 3, -1];
    const { out } = run(g, { x: tf.tensor3d(seq, [1, 5, 1]) });
    expectClose(nested(out['max'] as tf.Tensor), [[[1], [5]]]);
    // same, k=3, s=2, T=5: out=3, pad total 2 -> windows [-1..1], [1..3], [3..5].
    expectClose(nested(out['avg'] as tf.Tensor), [
      [[(1 - 2) / 2], [(-2 + 5 + 3) / 3], [(3 - 1) / 2]],
    ]);
  });
});

describe('layer_norm, softmax, gelu, concat, slice, matmul', () => {
  it('match their definitions', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 4]);
    const [ln] = g.op(
      'layer_norm',
      [x],
      { eps: 1e-5 },
      {
        name: 'ln',
        params: {
          weight: { shape: [4], init: { kind: 'uniform', low: 0.5, high: 1.5 } },
          bias: { shape: [4] },
        },
      },
    );
    const [sm] = g.op('softmax', [x]);
    const [ge] = g.op('gelu', [x]);
    const [sl] = g.op('slice', [x], { start: 1, end: 3 });
    const [cc] = g.op('concat', [sl ?? '', x]);
    const [p] = g.op('param', [], { name: g.param('M', [2, 4]) });
    const [mm] = g.op('matmul', [x, p ?? ''], { transpose_b: true });
    for (const [name, id] of [
      ['ln', ln],
      ['sm', sm],
      ['ge', ge],
      ['cc', cc],
      ['mm', mm],
    ] as const)
      g.output(name, id ?? '');
    const xs = randomArray([2, 4], 9, 2);
    const { model, out } = run(g, { x: tf.tensor2d(xs, [2, 4]) });
    const rows = [xs.slice(0, 4), xs.slice(4)];
    const W = weightsOf(model, 'ln');
    expectClose(
      nested(out['ln'] as tf.Tensor),
      rows.map((r) => layerNormRef(r, W('weight'), W('bias'), 1e-5)),
    );
    const softmax = (r: number[]) => {
      const m = Math.max(...r);
      const e = r.map((v) => Math.exp(v - m));
      const s = e.reduce((a, v) => a + v, 0);
      return e.map((v) => v / s);
    };
    expectClose(nested(out['sm'] as tf.Tensor), rows.map(softmax));
    // GELU(x) = x * Phi(x); Phi via a high-accuracy erf series.
    const erf = (z: number) => {
      let sum = 0;
      let term = z;
      for (let n = 0; n < 60; n++) {
        sum += term / (2 * n + 1);
        term *= (-z * z) / (n + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * sum;
    };
    expectClose(
      nested(out['ge'] as tf.Tensor),
      rows.map((r) => r.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2)))),
    );
    expectClose(
      nested(out['cc'] as tf.Tensor),
      rows.map((r) => [...r.slice(1, 3), ...r]),
      0,
    );
    const M = Array.from(model.variables.get('M')?.dataSync() ?? []);
    expectClose(
      nested(out['mm'] as tf.Tensor),
      rows.map((r) => denseRef(r, M, null, 2)),
    );
  });
});

describe('time reductions', () => {
  const [B, T, D] = [3, 4, 2];
  const lengths = [4, 1, 2];
  function graph() {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', D]);
    const L = g.lengthsOf('T');
    for (const mode of ['mean', 'max', 'sum'] as const) {
      const [r] = g.op('reduce_time', [x], { mode }, { lengths: L });
      g.output(mode, r ?? '');
    }
    const [last] = g.op('last', [x], {}, { lengths: L });
    const [first] = g.op('first', [x], {}, { lengths: L });
    g.output('last', last ?? '');
    g.output('first', first ?? '');
    return g;
  }
  it('ignore padding (last = step lengths-1)', () => {
    const xs = randomArray([B, T, D], 21);
    const seqs = toSeq(xs, B, T, D);
    const { out } = run(graph(), { x: tf.tensor3d(xs, [B, T, D]) }, lengths);
    for (const mode of ['mean', 'max', 'sum'] as const) {
      expectClose(
        nested(out[mode] as tf.Tensor),
        seqs.map((s, b) => reduceTimeRef(s, lengths[b] ?? T, mode)),
      );
    }
    expectClose(
      nested(out['last'] as tf.Tensor),
      seqs.map((s, b) => s[(lengths[b] ?? T) - 1]),
      0,
    );
    expectClose(
      nested(out['first'] as tf.Tensor),
      seqs.map((s) => s[0]),
      0,
    );
  });
  it('use the full length when no lengths are fed', () => {
    const xs = randomArray([B, T, D], 22);
    const seqs = toSeq(xs, B, T, D);
    const { out } = run(graph(), { x: tf.tensor3d(xs, [B, T, D]) });
    expectClose(
      nested(out['mean'] as tf.Tensor),
      seqs.map((s) => reduceTimeRef(s, T, 'mean')),
    );
    expectClose(
      nested(out['last'] as tf.Tensor),
      seqs.map((s) => s[T - 1]),
      0,
    );
  });
});

describe('final_state', () => {
  it('takes the top layer and concatenates directions', () => {
    const g = new GraphBuilder();
    const h = g.input('h', [4, 'B', 2]);
    const [f] = g.op('final_state', [h], { layers: 2, bidirectional: true });
    g.output('f', f ?? '');
    const hs = randomArray([4, 3, 2], 4);
    const { out } = run(g, { h: tf.tensor3d(hs, [4, 3, 2]) });
    const layer = (i: number, b: number) => hs.slice((i * 3 + b) * 2, (i * 3 + b) * 2 + 2);
    expectClose(
      nested(out['f'] as tf.Tensor),
      [0, 1, 2].map((b) => [...layer(2, b), ...layer(3, b)]),
      0,
    );
  });
});

describe('dropout', () => {
  it('is the identity at inference and seeded when training', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 8]);
    const [d] = g.op('dropout', [x], { rate: 0.5 });
    g.output('d', d ?? '');
    const model = lowerModule(g.module());
    models.push(model);
    const input = tf.ones([4, 8]);
    live.push(input);
    const infer = model.forward({ inputs: { x: input } });
    const a = model.forward({ inputs: { x: input } }, { training: true, seed: 5 });
    const b = model.forward({ inputs: { x: input } }, { training: true, seed: 5 });
    const c = model.forward({ inputs: { x: input } }, { training: true, seed: 6 });
    live.push(infer, a, b, c);
    expect(Array.from((infer['d'] as tf.Tensor).dataSync())).toEqual(new Array(32).fill(1));
    const av = Array.from((a['d'] as tf.Tensor).dataSync());
    expect(av.every((v) => v === 0 || v === 2)).toBe(true);
    expect(av.some((v) => v === 0)).toBe(true);
    expect(Array.from((b['d'] as tf.Tensor).dataSync())).toEqual(av);
    expect(Array.from((c['d'] as tf.Tensor).dataSync())).not.toEqual(av);
  });
});

describe('silu', () => {
  it('is x * sigmoid(x), as PyTorch computes it', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 4]);
    const [si] = g.op('silu', [x]);
    g.output('si', si ?? '');
    const xs = randomArray([2, 4], 11, 3);
    const { out } = run(g, { x: tf.tensor2d(xs, [2, 4]) });
    const rows = [xs.slice(0, 4), xs.slice(4)];
    expectClose(
      nested(out['si'] as tf.Tensor),
      rows.map((r) => r.map((v) => v / (1 + Math.exp(-v)))),
    );
  });
});
