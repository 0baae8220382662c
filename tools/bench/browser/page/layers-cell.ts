/**
 * The peer a tfjs user would write by hand: the same four models as tf.sequential
 * tfjs-layers models (adam, sparse categorical cross-entropy), timed like seqlab's
 * `benchmarkModel`: median of `trainOnBatch` (which reads the loss back) and of `predict`
 * plus `dataSync`, after warm-up.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
// tfjs-layers calls chained ops (`t.flatten()`), which only the `@tensorflow/tfjs` umbrella
// registers; a page built on tfjs-core alone must register them itself.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { median } from '@seqlab/tfjs';
import type { Tf } from '@seqlab/tfjs';
import type { BenchModel, CellRequest, CellResult } from '../types.js';

const CLASSES = 4;

/**
 * The hand-written equivalent of examples/bench/<model>.seq over `[time, inputSize]`
 * (the same model as the Node peer in tools/bench/peers/tfjs-layers-models.ts).
 */
export function buildLayersModel(
  model: BenchModel,
  time: number,
  inputSize: number,
  hidden: number,
): tfl.Sequential {
  const inputShape = [time, inputSize];
  const body: tfl.layers.Layer[] =
    model === 'cnn'
      ? [
          tfl.layers.conv1d({
            filters: hidden,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            inputShape,
          }),
          tfl.layers.conv1d({
            filters: hidden,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
          }),
          tfl.layers.globalAveragePooling1d(),
        ]
      : [recurrent(model, hidden, inputShape)];
  // Softmax inside the model: tfjs-layers' sparse cross-entropy expects probabilities.
  return tfl.sequential({
    layers: [...body, tfl.layers.dense({ units: CLASSES, activation: 'softmax' })],
  });
}

function recurrent(model: 'rnn' | 'lstm' | 'gru', units: number, inputShape: number[]) {
  const args = { units, inputShape };
  if (model === 'rnn') return tfl.layers.simpleRNN(args);
  if (model === 'lstm') return tfl.layers.lstm(args);
  return tfl.layers.gru(args);
}

/** Time `req` with tfjs-layers on the running backend. */
export async function runLayersCell(tf: Tf, req: CellRequest): Promise<CellResult> {
  const model = buildLayersModel(req.model, req.time, req.inputSize, req.hidden);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const x = tf.randomNormal([req.batch, req.time, req.inputSize], 0, 1, 'float32', req.seed);
  // Class ids as floats [B, 1]: the target shape tfjs-layers' sparse loss checks for.
  const y = tf.tidy(() =>
    tf.floor(tf.randomUniform([req.batch, 1], 0, CLASSES, 'float32', req.seed + 1)),
  );
  const stepSamples: number[] = [];
  const inferSamples: number[] = [];
  try {
    for (let i = 0; i < req.warmup + req.steps; i++) {
      const t0 = performance.now();
      await model.trainOnBatch(x, y); // resolves after the loss is read back
      if (i >= req.warmup) stepSamples.push(performance.now() - t0);
    }
    for (let i = 0; i < req.warmup + req.steps; i++) {
      const t0 = performance.now();
      const out = model.predict(x) as Tensor;
      out.dataSync();
      if (i >= req.warmup) inferSamples.push(performance.now() - t0);
      out.dispose();
    }
  } finally {
    tf.dispose([x, y]);
    model.optimizer?.dispose();
    model.dispose();
  }
  return { msPerStep: median(stepSamples), inferMs: median(inferSamples) };
}
