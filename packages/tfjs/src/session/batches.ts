/** Turning the data package's plain batches into tensors for a bound model. */
import type { Batch, BatchTensor } from '@seqlab/data';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import type { TrainBatch } from '../train/types.js';
import type { Tf } from '../types.js';
import type { DataBinding } from './binding.js';

function toTensor(tf: Tf, t: BatchTensor): Tensor {
  return tf.tensor(t.data, t.shape, t.dtype);
}

/** Whether every sequence of a batch has the same length (so none is padded). */
function allEqual(lengths: Int32Array): boolean {
  return lengths.every((n) => n === lengths[0]);
}

/** The tensors of one batch (the caller disposes them with {@link disposeBatch}). */
export function toTrainBatch(tf: Tf, batch: Batch, binding: DataBinding): TrainBatch {
  const inputs: Record<string, Tensor> = {};
  for (const { port, field } of binding.inputs) {
    const t = batch.tensors[field];
    if (!t) throw new Error(`batch lacks field ${field}`);
    inputs[port] = toTensor(tf, t);
  }
  const lengths: Record<string, Tensor1D> = {};
  for (const { symbol, key } of binding.lengths) {
    const l = batch.lengths[key];
    // A batch without padding feeds no lengths: the lowering then takes its unmasked path
    // (no per-step masks, time-major recurrences), which is what `seqlab bench` times.
    if (l && !allEqual(l)) lengths[symbol] = tf.tensor1d(l, 'int32');
  }
  const target = batch.tensors[binding.target.field];
  if (!target) throw new Error(`batch lacks target ${binding.target.field}`);
  const targetLengths =
    binding.target.lengthsKey === undefined ? undefined : batch.lengths[binding.target.lengthsKey];
  return {
    inputs,
    lengths,
    targets: toTensor(tf, target),
    ...(targetLengths ? { targetLengths: tf.tensor1d(targetLengths, 'int32') } : {}),
  };
}
