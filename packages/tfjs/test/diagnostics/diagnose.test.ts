/**
 * Gradient diagnostics on hand-built modules: the scalar recurrence h_t = tanh(w h_{t−1})
 * gives exactly w^(T−t); the probed ‖∂L/∂h_t‖ of the built-in rnn equals the explicit BPTT
 * recurrence's δh_t; every layer and direction of a stacked bidirectional LSTM is reported.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  diagnoseGradients,
  gradReportJson,
  lowerModule,
  randomFeeds,
  spectralRadius,
  DenseMatrix,
  tanhRnnBackward,
  tanhRnnForward,
} from '../../src/index.js';
import { projection } from '../../src/diagnostics/loss.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { useCpu } from '../helpers.js';

beforeAll(useCpu);

/** The scalar cell of examples/scalar.seq as the compiler builds it: tanh(w * h). */
function scalarModule(w: number) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', 1]);
  const body = new GraphBuilder(g.params, 'b');
  body.bodyInput(['B', 1]);
  const h = body.bodyInput(['B', 1]);
  const [c] = body.op('constant', [], { value: w });
  const [wh] = body.op('mul', [c ?? '', h]);
  const [next] = body.op('tanh', [wh ?? '']);
  const graph = body.graph([next ?? '', next ?? '']);
  const [seq] = g.op(
    'scan',
    [x],
    { cell: 'Scalar', num_sequences: 1, state_names: ['h'], state_init: ['zeros'], reverse: false },
    { name: 'scalar0', outputs: 2, body: graph, lengths: g.lengthsOf('T') },
  );
  g.output('h', seq ?? '');
  return g.module();
}

describe('the scalar recurrence h_t = tanh(w h_{t−1}), h_0 = 0', () => {
  const T = 50;
  it.each([
    [0.5, 'vanishing'],
    [1, 'healthy'],
    [2, 'exploding'],
  ] as const)('w = %s: ‖∂L/∂h_t‖ = w^(T−t), verdict %s', (w, verdict) => {
    const model = lowerModule(scalarModule(w));
    const feeds = randomFeeds(tf, model.module, 4, T, 1);
    const report = diagnoseGradients(model, { feeds });
    expect(report.steps).toBe(T);
    const [layer] = report.layers;
    expect(layer?.name).toBe('scalar0');
    expect(layer?.cell).toBe('Scalar');
    expect(layer?.gradNorms).toHaveLength(T);
    // Powers of 0.5 and 2 are exact in float32, and tanh'(0) = 1 exactly.
    layer?.gradNorms.forEach((g, t) => expect(g).toBeCloseTo(w ** (T - 1 - t), 12));
    expect(layer?.ratio).toBeCloseTo(w ** (T - 1), 6);
    if (w !== 1) expect(Math.abs((layer?.ratio ?? 0) / w ** 49 - 1)).toBeLessThan(1e-6);
    expect(layer?.perStepFactor).toBeCloseTo(w, 10);
    expect(layer?.spectralRadius).toBeCloseTo(w, 12);
    expect(layer?.maxSingularValue).toBeCloseTo(w, 12);
    expect(layer?.meanJacobianNorm).toBeCloseTo(w, 12);
    expect(layer?.verdict).toBe(verdict);
    tf.dispose(Object.values(feeds.inputs));
    model.dispose();
  });

  it('prints the issue JSON shape', () => {
    const model = lowerModule(scalarModule(2));
    const feeds = randomFeeds(tf, model.module, 1, 5, 1);
    const json = gradReportJson(diagnoseGradients(model, { feeds }));
    const layer = json.layers[0] ?? {};
    expect(layer).toMatchObject({
      name: 'scalar0',
      grad_norms: [16, 8, 4, 2, 1],
      spectral_radius: 2,
      // 2^4 = 16 over five steps is within the factor of 1000 the verdict allows.
      verdict: 'healthy',
      loss_at: 'last',
    });
    model.dispose();
  });
});

function rnnModule(B: number, D: number, H: number) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', D]);
  const [seq] = g.op(
    'rnn',
    [x],
    { hidden: H, layers: 1, bidirectional: false, bias: true, nonlinearity: 'tanh' },
    { name: 'rnn0', params: recurrentParams(1, D, H, 1, false), outputs: 2 },
  );
  g.output('seq', seq ?? '');
  void B;
  return g.module();
}

describe('built-in rnn: probed gradients equal the explicit BPTT recurrence', () => {
  it.each(['last', 'every'] as const)('loss at %s step(s)', (at) => {
    const [B, T, D, H] = [3, 12, 2, 5];
    const model = lowerModule(rnnModule(B, D, H), { seed: 3 });
    const feeds = randomFeeds(tf, model.module, B, T, 4);
    const report = diagnoseGradients(model, { feeds, lossAt: at, seed: 9 });
    const w = (n: string) => model.variables.get(`rnn0.${n}`) as tf.Tensor;
    const expected = tf.tidy(() => {
      const p = {
        x: feeds.inputs['x'] as tf.Tensor,
        h0: tf.zeros([B, H]),
        wxh: w('weight_ih_l0'),
        whh: w('weight_hh_l0'),
        bh: tf.add(w('bias_ih_l0'), w('bias_hh_l0')),
      };
      const r = tf.tile(tf.reshape(projection(tf, H, 9), [1, H]), [B, 1]);
      const direct = Array.from({ length: T }, (_, t) =>
        at === 'every' || t === T - 1 ? r : null,
      );
      const { dh } = tanhRnnBackward(tf, p, tanhRnnForward(tf, p), direct);
      return dh.map((d) => Math.sqrt(tf.sum(tf.square(d)).dataSync()[0] ?? 0) / Math.sqrt(B));
    });
    const got = report.layers[0]?.gradNorms ?? [];
    expect(got).toHaveLength(T);
    got.forEach((g, t) => expect(Math.abs(g / (expected[t] ?? NaN) - 1)).toBeLessThan(1e-5));
    // W_hh's spectrum, read straight from the variable.
    const whh = new DenseMatrix(H, H, w('weight_hh_l0').dataSync());
    expect(report.layers[0]?.spectralRadius).toBeCloseTo(spectralRadius(whh) ?? NaN, 10);
    expect(report.layers[0]?.meanJacobianNorm).toBeGreaterThan(0);
    tf.dispose(Object.values(feeds.inputs));
    model.dispose();
  });
});

describe('stacked and bidirectional layers', () => {
  it('reports every layer and direction of a 2-layer bidirectional LSTM, with gate blocks', () => {
    const [D, H] = [3, 4];
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', D]);
    const [seq] = g.op(
      'lstm',
      [x],
      { hidden: H, layers: 2, bidirectional: true, bias: true },
      { name: 'lstm0', params: recurrentParams(4, D, H, 2, true), outputs: 3 },
    );
    const [logits] = g.op(
      'dense',
      [seq ?? ''],
      { units: 2, bias: true },
      {
        name: 'dense0',
        params: { weight: { shape: [2, 2 * H] }, bias: { shape: [2] } },
      },
    );
    g.output('logits', logits ?? '');
    const model = lowerModule(g.module(), { seed: 1 });
    const feeds = randomFeeds(tf, model.module, 2, 7, 2);
    const report = diagnoseGradients(model, { feeds, lossAt: 'every' });
    expect(report.layers.map((l) => l.name)).toEqual([
      'lstm0.l0',
      'lstm0.l0_reverse',
      'lstm0.l1',
      'lstm0.l1_reverse',
    ]);
    for (const l of report.layers) {
      expect(l.gradNorms).toHaveLength(7);
      expect(l.gradNorms.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
      expect(l.blocks.map((b) => b.name)).toEqual(['i', 'f', 'g', 'o']);
      expect(l.weightSource).toMatch(/weight_hh_l\d(_reverse)?\[g\]$/);
      expect(l.spectralRadius).toBe(l.blocks[2]?.spectralRadius);
      expect(l.meanJacobianNorm).toBeNull();
    }
    tf.dispose(Object.values(feeds.inputs));
    model.dispose();
  });
});
