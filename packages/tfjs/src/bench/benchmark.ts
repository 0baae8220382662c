/**
 * Timing of one model on one backend: median milliseconds per training step (forward,
 * backward, clip-free Adam update, one read-back) and per inference pass, after warm-up.
 * Inputs are seeded random sequences (`randomFeeds`) and targets seeded random values that
 * fit the loss (class ids for cross-entropy, floats shaped like the output for mse), so any
 * model can be timed without data.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { randomFeeds } from '../diagnostics/random-feeds.js';
import { createRng } from '../rng.js';
import { Trainer } from '../train/trainer.js';
import type { TrainBatch } from '../train/types.js';
import type { CompiledModel, Tf } from '../types.js';

/** How to time a model. */
export interface BenchOptions {
  /** Sequences per batch. */
  readonly batch: number;
  /** Steps per sequence (every symbolic time dim). */
  readonly time: number;
  /** Timed training steps (the median is reported). */
  readonly steps: number;
  /** Untimed steps first: kernels compile, memory pools fill. */
  readonly warmup: number;
  /** Seed of the random inputs and targets. */
  readonly seed?: number;
  /** Adam's learning rate (the value does not change the cost). */
  readonly lr?: number;
  /** The loss the model trains with (its train block's); cross-entropy by default. */
  readonly loss?: 'cross_entropy' | 'mse';
}

/** Medians of a timed run; `*_all` are every timed sample, in order. */
export interface BenchResult {
  readonly msPerStep: number;
  readonly inferMs: number;
  readonly stepSamples: readonly number[];
  readonly inferSamples: readonly number[];
  /** Tensors alive after the run minus before it: 0 when nothing leaks. */
  readonly leakedTensors: number;
}

/** The median of `xs` (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Random targets for the model's first output. Cross-entropy: class ids, `[B]` for `[B, C]`,
 * `[B, T]` for `[B, T, C]`. Mse: standard-normal values of the output's own shape.
 */
function randomTargets(tf: Tf, y: Tensor, seed: number, loss: 'cross_entropy' | 'mse'): Tensor {
  if (loss === 'mse') {
    const rng = createRng(seed);
    return tf.tensor(
      Float32Array.from({ length: y.size }, () => rng.normal()),
      y.shape,
    );
  }
  const shape = y.shape.slice(0, -1);
  const classes = y.shape[y.shape.length - 1] ?? 1;
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const ids = Int32Array.from({ length: size }, () => Math.floor(rng.uniform() * classes));
  return tf.tensor(ids, shape, 'int32');
}

/** Times training steps and inference of `model` on its backend. */
export function benchmarkModel(model: CompiledModel, opts: BenchOptions): BenchResult {
  const { tf } = model;
  const before = tf.memory().numTensors;
  const feeds = randomFeeds(tf, model.module, opts.batch, opts.time, opts.seed ?? 0);
  const output = model.module.outputs[0]?.name;
  if (output === undefined) throw new Error('bench: the model has no output');
  const probe = model.forward(feeds);
  const loss = opts.loss ?? 'cross_entropy';
  const targets = randomTargets(tf, probe[output] as Tensor, (opts.seed ?? 0) + 1, loss);
  tf.dispose(probe);
  const batch: TrainBatch = { inputs: feeds.inputs, targets };
  const trainer = new Trainer(model, {
    loss,
    optimizer: { kind: 'adam', lr: opts.lr ?? 1e-3 },
    output,
  });
  const stepSamples: number[] = [];
  const inferSamples: number[] = [];
  try {
    for (let i = 0; i < opts.warmup + opts.steps; i++) {
      const t0 = performance.now();
      trainer.step(batch); // reads the loss back: the step has really run
      if (i >= opts.warmup) stepSamples.push(performance.now() - t0);
    }
    for (let i = 0; i < opts.warmup + opts.steps; i++) {
      const t0 = performance.now();
      const out = model.forward(feeds);
      (out[output] as Tensor).dataSync();
      if (i >= opts.warmup) inferSamples.push(performance.now() - t0);
      tf.dispose(out);
    }
  } finally {
    trainer.dispose();
    tf.dispose([targets, ...Object.values(feeds.inputs)]);
  }
  return {
    msPerStep: median(stepSamples),
    inferMs: median(inferSamples),
    stepSamples,
    inferSamples,
    leakedTensors: tf.memory().numTensors - before,
  };
}
