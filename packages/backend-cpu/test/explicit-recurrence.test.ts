/**
 * The built-in rnn, lstm and gru with the explicit BPTT gradient (@seqlab/tfjs's
 * bptt/explicit-recurrence.ts) against the same models differentiated by tfjs autodiff of
 * the composed cells: forward values within 1e-6 and gradients within 1e-5 (norm-wise relative error) for every
 * parameter, the inputs and the initial states, on seqlab's cell kernels ('fast': the
 * saving ones on cpu), on the recomputing kernels alone (what webgl has) and on the composed
 * reference ('stock').
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  CELL_KERNELS,
  createRng,
  lowerModule,
  SAVING_CELL_KERNELS,
  type CompiledModel,
  type LowerOptions,
} from '@seqlab/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installCpuKernels } from '../src/index.js';
import { GraphBuilder, recurrentParams } from '@seqlab/ir/testing';
import { relativeError } from './relative-error.js';

beforeAll(async () => {
  installCpuKernels(); // what the server's and the browser's backend setup do
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Deterministic uniform(-scale, scale) values (as @seqlab/tfjs's test helpers make them). */
function randomArray(shape: readonly number[], seed: number, scale = 1): number[] {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, () => Math.fround((2 * rng.uniform() - 1) * scale));
}

type Kind = 'rnn' | 'lstm' | 'gru';
const GATES: Record<Kind, number> = { rnn: 1, lstm: 4, gru: 3 };

interface Case {
  readonly kind: Kind;
  readonly B: number;
  readonly T: number;
  readonly D: number;
  readonly H: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly bias?: boolean;
  readonly initial?: boolean;
  /** Per-row lengths: a padded batch (masked in the loop); absent = every row full. */
  readonly lengths?: readonly number[];
}

function build(c: Case) {
  const g = new GraphBuilder();
  const x = g.input('x', ['B', 'T', c.D]);
  const dirs = c.bidirectional ? 2 : 1;
  const ins = [x];
  if (c.initial) {
    ins.push(g.input('h0', [c.layers * dirs, 'B', c.H]));
    if (c.kind === 'lstm') ins.push(g.input('c0', [c.layers * dirs, 'B', c.H]));
  }
  const attrs: Record<string, number | boolean | string> = {
    hidden: c.H,
    layers: c.layers,
    bidirectional: c.bidirectional,
    bias: c.bias ?? true,
  };
  if (c.kind === 'rnn') attrs['nonlinearity'] = 'tanh';
  const outs = g.op(c.kind, ins, attrs, {
    name: 'rec',
    ...(c.lengths === undefined ? {} : { lengths: g.lengthsOf('T') }),
    params: recurrentParams(GATES[c.kind], c.D, c.H, c.layers, c.bidirectional, c.bias ?? true),
    outputs: c.kind === 'lstm' ? 3 : 2,
  });
  g.output('seq', outs[0] ?? '');
  g.output('h_n', outs[1] ?? '');
  if (c.kind === 'lstm') g.output('c_n', outs[2] ?? '');
  return g.module();
}

interface Result {
  value: tf.Tensor;
  outputs: Record<string, tf.Tensor>;
  grads: Record<string, tf.Tensor>;
}

/** Loss = Σ_k <R_k, output_k>; gradients for every variable and every input. */
function run(model: CompiledModel, c: Case): Result {
  const dirs = c.bidirectional ? 2 : 1;
  const states = [c.layers * dirs, c.B, c.H];
  return tf.tidy(() => {
    const feeds: Record<string, tf.Tensor> = {
      x: tf.tensor(randomArray([c.B, c.T, c.D], 1), [c.B, c.T, c.D]),
    };
    if (c.initial) {
      feeds['h0'] = tf.tensor(randomArray(states, 2, 0.5), states);
      if (c.kind === 'lstm') feeds['c0'] = tf.tensor(randomArray(states, 5, 0.5), states);
    }
    const names = Object.keys(feeds);
    const lengths: Record<string, tf.Tensor1D> =
      c.lengths === undefined ? {} : { T: tf.tensor1d([...c.lengths], 'int32') };
    const weights: Record<string, tf.Tensor> = {
      seq: tf.tensor(randomArray([c.B, c.T, dirs * c.H], 3), [c.B, c.T, dirs * c.H]),
      h_n: tf.tensor(randomArray(states, 4), states),
      c_n: tf.tensor(randomArray(states, 6), states),
    };
    const loss = (...xs: tf.Tensor[]): tf.Scalar => {
      const inputs = Object.fromEntries(names.map((n, i) => [n, xs[i] as tf.Tensor]));
      const out = model.forward({ inputs, lengths });
      const terms = Object.entries(out).map(([k, v]) => tf.sum(tf.mul(v, weights[k] as tf.Tensor)));
      return terms.reduce((a, b) => tf.add(a, b)) as tf.Scalar;
    };
    const feedList = names.map((n) => feeds[n] as tf.Tensor);
    const { value, grads } = tf.variableGrads(
      () => loss(...feedList),
      [...model.variables.values()],
    );
    const inputGrads = tf.grads(loss)(feedList);
    const byName: Record<string, tf.Tensor> = Object.fromEntries([
      ...[...model.variables].map(([name, v]) => [name, grads[v.name] as tf.Tensor]),
      ...names.map((n, i) => [`d${n}`, inputGrads[i] as tf.Tensor]),
    ]);
    return { value, outputs: model.forward({ inputs: feeds, lengths }), grads: byName };
  });
}

/** `afterLowering` runs once both models are lowered (lowering installs seqlab's kernels). */
function compare(c: Case, kernels: LowerOptions['kernels'], afterLowering = () => {}): void {
  const module = build(c);
  const mine = lowerModule(module, { seed: 5, rnnGradient: 'bptt', kernels });
  const ref = lowerModule(module, { seed: 5, rnnGradient: 'autodiff', kernels: 'stock' });
  afterLowering();
  const a = run(mine, c);
  const b = run(ref, c);
  for (const [name, t] of Object.entries(b.outputs)) {
    expect(relativeError(a.outputs[name] as tf.Tensor, t), name).toBeLessThanOrEqual(1e-6);
  }
  for (const [name, g] of Object.entries(b.grads)) {
    expect(relativeError(a.grads[name] as tf.Tensor, g), name).toBeLessThanOrEqual(1e-5);
  }
  tf.dispose([a.value, b.value, ...Object.values(a.outputs), ...Object.values(b.outputs)]);
  tf.dispose([...Object.values(a.grads), ...Object.values(b.grads)]);
  mine.dispose();
  ref.dispose();
}

const CASES: readonly Case[] = [
  { kind: 'rnn', B: 3, T: 7, D: 4, H: 5, layers: 1, bidirectional: false },
  { kind: 'lstm', B: 3, T: 7, D: 4, H: 5, layers: 1, bidirectional: false },
  { kind: 'gru', B: 3, T: 7, D: 4, H: 5, layers: 1, bidirectional: false },
  { kind: 'lstm', B: 2, T: 5, D: 3, H: 4, layers: 2, bidirectional: true, initial: true },
  { kind: 'gru', B: 2, T: 5, D: 3, H: 4, layers: 2, bidirectional: true, initial: true },
  { kind: 'rnn', B: 4, T: 6, D: 2, H: 6, layers: 2, bidirectional: true, initial: true },
  { kind: 'lstm', B: 1, T: 4, D: 2, H: 3, layers: 1, bidirectional: false, bias: false },
  { kind: 'gru', B: 1, T: 4, D: 2, H: 3, layers: 1, bidirectional: true, bias: false },
  { kind: 'lstm', B: 2, T: 40, D: 3, H: 8, layers: 1, bidirectional: false },
  // Padded batches: rows end early (one has no step at all), states carried from h0.
  { kind: 'lstm', B: 4, T: 6, D: 3, H: 5, layers: 1, bidirectional: false, lengths: [6, 3, 1, 0] },
  { kind: 'gru', B: 4, T: 6, D: 3, H: 5, layers: 1, bidirectional: false, lengths: [2, 6, 0, 4] },
  {
    kind: 'lstm',
    ...{ B: 3, T: 5, D: 2, H: 4, layers: 2, bidirectional: true, initial: true },
    lengths: [5, 2, 4],
  },
  {
    kind: 'gru',
    ...{ B: 3, T: 5, D: 2, H: 4, layers: 2, bidirectional: true, initial: true },
    lengths: [1, 5, 3],
  },
  { kind: 'rnn', B: 3, T: 5, D: 2, H: 4, layers: 1, bidirectional: true, lengths: [5, 2, 3] },
];

const label = (c: Case) =>
  `${c.kind} B${c.B} T${c.T} H${c.H} ${c.layers}L${c.bidirectional ? ' bi' : ''}` +
  `${c.bias === false ? ' no bias' : ''}${c.initial ? ' h0' : ''}` +
  `${c.lengths ? ` lengths ${c.lengths.join(',')}` : ''}`;

describe('explicit BPTT of rnn, lstm and gru equals autodiff', () => {
  for (const kernels of ['fast', 'stock'] as const) {
    for (const c of CASES) {
      it(`${label(c)}, ${kernels} kernels`, () => compare(c, kernels));
    }
  }

  // What webgl runs: seqlab's recomputing cell kernels without the saving ones.
  describe('with the recomputing kernels only (as on webgl)', () => {
    const saving = Object.values(SAVING_CELL_KERNELS).flatMap((k) => [k.forward, k.backward]);
    let removed: tf.KernelConfig[] = [];
    const removeSaving = () => {
      removed = saving.map((name) => tf.getKernel(name, 'cpu') as tf.KernelConfig);
      for (const name of saving) tf.unregisterKernel(name, 'cpu');
      expect(tf.getKernel(CELL_KERNELS.lstm.backward, 'cpu')).toBeDefined();
    };
    afterEach(() => {
      for (const config of removed) tf.registerKernel(config);
      removed = [];
    });
    for (const c of CASES.filter((k) => k.kind !== 'rnn')) {
      it(`${label(c)}, recomputing kernels`, () => compare(c, 'fast', removeSaving));
    }
  });

  it('leaks no tensors in training or inference', () => {
    for (const kind of ['rnn', 'lstm', 'gru'] as const) {
      const c: Case = { kind, B: 2, T: 5, D: 3, H: 4, layers: 2, bidirectional: true };
      const model = lowerModule(build(c), { seed: 1, rnnGradient: 'bptt' });
      const x = tf.tensor3d(randomArray([2, 5, 3], 8), [2, 5, 3]);
      const before = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(
        () => tf.sum(model.forward({ inputs: { x } })['seq'] as tf.Tensor) as tf.Scalar,
        [...model.variables.values()],
      );
      tf.dispose([value, ...Object.values(grads)]);
      tf.dispose(Object.values(model.forward({ inputs: { x } })));
      expect(tf.memory().numTensors, kind).toBe(before);
      x.dispose();
      model.dispose();
    }
  });
});

describe('padded batches stay on the explicit loop', () => {
  /** Kernels one forward and backward pass launches, with and without a padded row. */
  async function kernelsPerStep(kind: Kind, lengths: readonly number[] | undefined) {
    const c: Case = { kind, B: 4, T: 20, D: 3, H: 8, layers: 1, bidirectional: false };
    const model = lowerModule(build({ ...c, ...(lengths ? { lengths } : {}) }), {
      seed: 1,
      rnnGradient: 'bptt',
    });
    const x = tf.tensor3d(randomArray([c.B, c.T, c.D], 8), [c.B, c.T, c.D]);
    const feeds = {
      inputs: { x },
      ...(lengths ? { lengths: { T: tf.tensor1d([...lengths], 'int32') } } : {}),
    };
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(model.forward(feeds)['seq'] as tf.Tensor) as tf.Scalar,
        [...model.variables.values()],
      );
      tf.dispose([value, ...Object.values(grads)]);
    });
    tf.dispose([x, ...Object.values(feeds.lengths ?? {})]);
    model.dispose();
    return profile.kernels.length;
  }

  // The autodiff loop padded batches took before issue 17 launched ~10x the kernels.
  for (const kind of ['lstm', 'gru'] as const) {
    it(`${kind}: a padded batch launches under 3x the kernels of a full one`, async () => {
      const full = await kernelsPerStep(kind, undefined);
      const padded = await kernelsPerStep(kind, [20, 13, 5, 1]);
      expect(padded).toBeGreaterThan(full);
      expect(padded).toBeLessThan(3 * full);
    });
  }
});
