/**
 * Sequences of length one (issue 14 §3): T = 1, B = 1 and lengths of 1, forward and
 * gradient, on cpu and wasm, with both gradients of the built-in recurrences. A length-1
 * sequence in a padded batch must give what it gives alone at T = 1; a T = 1 batch with
 * lengths what it gives without them. (PyTorch's values at these sizes: tools/conformance.)
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diagnoseGradients,
  lowerModule,
  SequenceTooShortError,
  Trainer,
  type CompiledModel,
} from '../src/index.js';
import { stepPick } from '../src/lower/masks.js';
import { stepWeights } from '../src/diagnostics/loss.js';
import { tokenNll } from '../src/train/losses.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { expectClose, randomArray } from './helpers.js';
import { classifier, disposeBatch } from './models.js';

const require = createRequire(import.meta.url);
const D = 3;

beforeAll(() => {
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(`${dir}/`);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Outputs and gradients (every variable, and x) of sum(logits * w) for one feed. */
function run(model: CompiledModel, xs: number[], B: number, T: number, lengths?: number[]) {
  return tf.tidy(() => {
    const x = tf.variable(tf.tensor3d(xs, [B, T, D]));
    const feeds = {
      inputs: { x },
      ...(lengths === undefined ? {} : { lengths: { T: tf.tensor1d(lengths, 'int32') } }),
    };
    let logits: number[][] = [];
    const vars = [...model.variables.values(), x];
    const { grads } = tf.variableGrads(() => {
      const y = model.forward(feeds)['logits'] as tf.Tensor;
      logits = y.arraySync() as number[][];
      // The same weight for every row: a row's gradient does not depend on its index.
      return tf.sum(tf.mul(y, tf.tensor1d([0.7, -1.3]))) as tf.Scalar;
    }, vars);
    const out = {
      logits,
      params: [...model.variables.keys()].map((n) => Array.from(grads[n]?.dataSync() ?? [])),
      dx: grads[x.name]?.arraySync() as number[][][],
    };
    x.dispose();
    return out;
  });
}

const finiteArray = (v: unknown): boolean =>
  Array.isArray(v) ? v.every(finiteArray) : typeof v === 'number' && Number.isFinite(v);
/** Every output and gradient of a run is a finite number. */
const finite = (r: ReturnType<typeof run>): boolean =>
  r.logits.length > 0 && r.params.length > 0 && finiteArray([r.logits, r.params, r.dx]);

describe('stepPick: the 0/1 step selector that replaced tf.oneHot (depth >= 2 only)', () => {
  it('picks the only step when T = 1 and matches oneHot for T >= 2', async () => {
    await tf.setBackend('cpu');
    expect(stepPick(tf, tf.tensor1d([0, 0], 'int32'), 1).arraySync()).toEqual([[1], [1]]);
    const index = tf.tensor1d([2, 0, 3, -1, 4], 'int32');
    const oneHot = tf.cast(tf.oneHot(index, 4), 'float32').arraySync();
    expect(stepPick(tf, index, 4).arraySync()).toEqual(oneHot);
  });

  it('gives the diagnostic loss weights at T = 1 for last, first and every', () => {
    for (const at of ['last', 'first', 'every'] as const) {
      expect(stepWeights(tf, 2, 1, tf.tensor1d([1, 1], 'int32'), at).arraySync()).toEqual([
        [1],
        [1],
      ]);
      expect(stepWeights(tf, 1, 1, undefined, at).arraySync()).toEqual([[1]]);
    }
    expect(stepWeights(tf, 2, 3, tf.tensor1d([1, 3], 'int32'), 'last').arraySync()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });
});

describe('tokenNll: the same range comparison for class ids', () => {
  it('takes one class (tf.oneHot refused a depth of 1) and equals oneHot for more', async () => {
    await tf.setBackend('cpu');
    // -log softmax of a single logit is 0 whatever the logit.
    const one = tokenNll(tf, tf.tensor2d([[2.5], [-1]]), tf.tensor1d([0, 0], 'int32'));
    expectClose(one.arraySync(), [0, 0], 0);
    const logits = tf.tensor3d(randomArray([2, 3, 4], 13), [2, 3, 4]);
    const ids = tf.tensor2d(
      [
        [0, 3, -1],
        [2, 1, 0],
      ],
      [2, 3],
      'int32',
    );
    const want = tf.neg(tf.sum(tf.mul(tf.oneHot(ids, 4), tf.logSoftmax(logits)), -1));
    expectClose(tokenNll(tf, logits, ids).arraySync(), want.arraySync(), 1e-7);
  });
});

const KINDS = ['rnn', 'lstm', 'gru', 'conv1d'] as const;

describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  describe.each(['bptt', 'autodiff'] as const)('recurrence gradient %s', (rnnGradient) => {
    it.each(KINDS)(
      '%s |> last (mean for conv1d): T = 1 with lengths [1] equals no lengths',
      (kind) => {
        const model = lowerModule(classifier(kind), { seed: 2, rnnGradient });
        const xs = randomArray([1, 1, D], 3);
        const plain = run(model, xs, 1, 1);
        const masked = run(model, xs, 1, 1, [1]);
        expect(finite(plain)).toBe(true);
        expectClose(masked.logits, plain.logits);
        expectClose(masked.dx, plain.dx);
        masked.params.forEach((g, i) => expectClose(g, plain.params[i]));
        const two = run(model, [...xs, ...xs], 2, 1, [1, 1]);
        expectClose(two.logits, [...plain.logits, ...plain.logits]);
        model.dispose();
      },
    );

    it.each(KINDS)('%s: a length-1 row of a padded batch equals that row alone', (kind) => {
      const model = lowerModule(classifier(kind), { seed: 4, rnnGradient });
      const [B, T] = [3, 4];
      // Padded steps hold zeros (as batches do): conv1d reads them, recurrences must not.
      const xs = randomArray([B, T, D], 5).map((v, i) =>
        Math.floor(i / (T * D)) !== 1 && i % (T * D) >= D ? 0 : v,
      );
      const batch = run(model, xs, B, T, [1, 4, 1]);
      expect(finite(batch)).toBe(true);
      for (const row of [0, 2]) {
        const alone = run(model, xs.slice(row * T * D, row * T * D + D), 1, 1);
        expectClose(batch.logits[row], alone.logits[0]);
        // The gradient reaches the real step only; padded steps get none.
        const dx = batch.dx[row] ?? [];
        expectClose(dx[0], alone.dx[0]?.[0], 1e-5);
        // conv1d 'same' reads the padded (zero) steps, so they have a gradient; a recurrence
        // never reads them.
        if (kind !== 'conv1d') expectClose(dx.slice(1), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
      }
      model.dispose();
    });
  });

  it('a T = 1 classifier batch with lengths trains and evaluates', () => {
    const batch = {
      inputs: { x: tf.tensor3d(randomArray([2, 1, D], 6), [2, 1, D]) },
      lengths: { T: tf.tensor1d([1, 1], 'int32') },
      targets: tf.tensor1d([0, 1], 'int32'),
    };
    const model = lowerModule(classifier('gru'), { seed: 7 });
    const trainer = new Trainer(model, {
      loss: 'cross_entropy',
      optimizer: { kind: 'adam', lr: 0.05 },
    });
    const losses = [0, 1, 2].map(() => trainer.step(batch).loss);
    losses.forEach((l) => expect(Number.isFinite(l)).toBe(true));
    expect(losses[2]).toBeLessThan(losses[0] ?? NaN);
    const metrics = trainer.evaluate([batch], ['loss', 'accuracy']);
    expect(metrics['loss']).toBeCloseTo(trainer.evaluate([batch], ['loss'])['loss'] ?? NaN, 6);
    expect(Number.isFinite(metrics['accuracy'])).toBe(true);
    trainer.dispose();
    model.dispose();
    disposeBatch(batch);
  });

  it('tbptt with chunks longer than T = 1 equals plain training', () => {
    const batch = {
      inputs: { x: tf.tensor3d(randomArray([2, 1, D], 9), [2, 1, D]) },
      lengths: { T: tf.tensor1d([1, 1], 'int32') },
      targets: tf.tensor2d([[3], [1]], [2, 1], 'int32'),
      targetLengths: tf.tensor1d([1, 1], 'int32'),
    };
    const losses = (tbptt?: number) => {
      const model = lowerModule(tagger('lstm', false), { seed: 7 });
      const trainer = new Trainer(model, {
        loss: 'cross_entropy',
        optimizer: { kind: 'adam', lr: 0.05 },
        ...(tbptt === undefined ? {} : { tbptt }),
      });
      const steps = [0, 1, 2].map(() => trainer.step(batch).loss);
      trainer.dispose();
      model.dispose();
      return steps;
    };
    const plain = losses();
    plain.forEach((l) => expect(Number.isFinite(l)).toBe(true));
    for (const k of [1, 5]) losses(k).forEach((l, i) => expect(l).toBeCloseTo(plain[i] ?? NaN, 5));
    disposeBatch(batch);
  });
});

/** x -> one window op; `valid` windows need `kernel` steps. */
function windowModel(op: 'conv1d' | 'max_pool1d' | 'avg_pool1d', padding: string) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', D]);
  const conv = { filters: 2, kernel: 3, stride: 1, dilation: 1, padding, bias: false };
  const [y] =
    op === 'conv1d'
      ? g.op(op, [x], conv, { name: 'c', params: { weight: { shape: [2, D, 3] } } })
      : g.op(op, [x], { kernel: 3, stride: 1, padding }, { name: 'p' });
  g.output('y', y ?? '');
  return g.module('Window');
}

describe.each(['cpu', 'wasm'] as const)('windows at T = 1 on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  it.each([
    ['conv1d', 'default'],
    ['conv1d', 'stock'],
    ['max_pool1d', 'default'],
    ['avg_pool1d', 'default'],
  ] as const)('%s (%s kernels): valid refuses 1 step with its own error; same runs', (op, k) => {
    const x = tf.tensor3d(randomArray([1, 1, D], 12), [1, 1, D]);
    const kernels = k === 'stock' ? { kernels: 'stock' as const } : {};
    const valid = lowerModule(windowModel(op, 'valid'), kernels);
    let caught: unknown;
    try {
      valid.forward({ inputs: { x } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SequenceTooShortError);
    expect((caught as Error).message).toMatch(/needs at least 3 steps at its input but gets 1/);
    valid.dispose();
    const same = lowerModule(windowModel(op, 'same'), kernels);
    const y = same.forward({ inputs: { x } })['y'];
    expect(y?.shape).toEqual([1, 1, op === 'conv1d' ? 2 : D]);
    same.dispose();
    x.dispose();
  });
});

/** x -> recurrence (lengths) -> per-step output: what `seqlab grad` measures. */
function tagger(kind: 'rnn' | 'lstm' | 'gru', bidirectional: boolean) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', D]);
  const gates = { rnn: 1, lstm: 4, gru: 3 }[kind];
  const attrs = {
    hidden: 4,
    layers: 2,
    bidirectional,
    bias: true,
    ...(kind === 'rnn' ? { nonlinearity: 'tanh' } : {}),
  };
  const [seq] = g.op(kind, [x], attrs, {
    name: 'rec',
    params: recurrentParams(gates, D, 4, 2, bidirectional),
    outputs: kind === 'lstm' ? 3 : 2,
    lengths: g.lengthsOf('T'),
  });
  g.output('seq', seq ?? '');
  return g.module('Tagger');
}

describe('gradient diagnostics at one step (seqlab grad --steps 1)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['rnn', false],
    ['lstm', true],
    ['gru', true],
  ] as const)('%s (bidirectional %s): every direction and loss position', (kind, bi) => {
    const model = lowerModule(tagger(kind, bi), { seed: 1 });
    for (const lengths of [undefined, [1], [1, 1]]) {
      const B = lengths?.length ?? 1;
      const feeds = {
        inputs: { x: tf.tensor3d(randomArray([B, 1, D], 8), [B, 1, D]) },
        ...(lengths === undefined ? {} : { lengths: { T: tf.tensor1d(lengths, 'int32') } }),
      };
      for (const lossAt of ['last', 'every'] as const) {
        const report = diagnoseGradients(model, { feeds, lossAt });
        expect(report.steps).toBe(1);
        expect(report.layers).toHaveLength(bi ? 4 : 2);
        for (const layer of report.layers) {
          expect(layer.gradNorms).toHaveLength(1);
          expect(layer.gradNorms[0]).toBeGreaterThan(0);
          expect(Number.isFinite(layer.gradNorms[0])).toBe(true);
        }
      }
      tf.dispose(Object.values(feeds.inputs));
    }
    model.dispose();
  });
});
