/**
 * Truncated BPTT helpers: cut a batch into chunks of k time steps. Each chunk is one update;
 * the trainer carries the recurrences' final states into the next chunk as constants, so
 * gradients flow back at most k steps.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { IrModule } from '@seqlab/ir';
import type { Tf } from '../types.js';
import type { TrainBatch } from './types.js';

/** Throws when a top-level node reads time backwards: a chunk cannot see its future. */
export function assertCausal(module: IrModule): void {
  for (const node of module.graph.nodes) {
    if (
      node.attrs['bidirectional'] === true ||
      (node.op === 'scan' && node.attrs['reverse'] === true)
    ) {
      throw new Error(
        `tbptt: '${node.name}' reads sequences backwards; truncated BPTT needs causal layers`,
      );
    }
  }
}

/** Real (unpadded) steps of a chunk summed over the batch. */
export function chunkTokens(
  lengths: readonly number[] | null,
  batch: number,
  start: number,
  size: number,
): number {
  if (lengths === null) return batch * size;
  return lengths.reduce((sum, len) => sum + Math.min(Math.max(len - start, 0), size), 0);
}

/** Steps [start, start + size) of every time-major tensor of the batch (new tensors). */
export function sliceBatch(
  tf: Tf,
  module: IrModule,
  batch: TrainBatch,
  start: number,
  size: number,
): TrainBatch {
  const steps = batch.targets.shape[1];
  const cut = (t: Tensor): Tensor => tf.slice(t, [0, start], [-1, size]);
  const clampLengths = (l: Tensor): Tensor =>
    tf.tidy(() =>
      tf.minimum(
        tf.maximum(tf.sub(l, tf.scalar(start, 'int32')), tf.scalar(0, 'int32')),
        tf.scalar(size, 'int32'),
      ),
    );
  const inputs: Record<string, Tensor> = {};
  for (const port of module.inputs) {
    const t = batch.inputs[port.name];
    if (t === undefined) continue;
    // Time-major inputs: a symbolic axis 1 of the same runtime length as the targets.
    const axis1 = module.graph.values[port.value]?.type.shape[1];
    inputs[port.name] = typeof axis1 === 'string' && t.shape[1] === steps ? cut(t) : tf.clone(t);
  }
  const lengths: Record<string, Tensor> = {};
  for (const [symbol, l] of Object.entries(batch.lengths ?? {})) lengths[symbol] = clampLengths(l);
  return {
    inputs,
    lengths: lengths as Record<string, ReturnType<Tf['tensor1d']>>,
    targets: cut(batch.targets),
    ...(batch.targetLengths === undefined
      ? {}
      : { targetLengths: clampLengths(batch.targetLengths) as ReturnType<Tf['tensor1d']> }),
  };
}

/** Frees every tensor of a batch made by `sliceBatch`. */
export function disposeBatch(tf: Tf, batch: TrainBatch): void {
  tf.dispose([
    ...Object.values(batch.inputs),
    ...Object.values(batch.lengths ?? {}),
    batch.targets,
    ...(batch.targetLengths === undefined ? [] : [batch.targetLengths]),
  ]);
}
