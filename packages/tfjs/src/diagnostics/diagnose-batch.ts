/**
 * Diagnosing on a training batch: the feeds, and the model's own training loss on the
 * targets (what a training session or the playground holds). One call per heatmap column.
 */
import type { DataBinding } from '../session/binding.js';
import type { TrainBatch } from '../train/types.js';
import type { CompiledModel } from '../types.js';
import { diagnoseGradients } from './diagnose.js';
import type { DiagnoseOptions, GradReport, LossAt } from './types.js';

/** Options measuring `binding`'s training loss on `batch`. */
export function batchDiagnoseOptions(
  batch: TrainBatch,
  binding: Pick<DataBinding, 'loss' | 'target'>,
  lossAt: LossAt = 'last',
): DiagnoseOptions {
  return {
    feeds:
      batch.lengths === undefined
        ? { inputs: batch.inputs }
        : { inputs: batch.inputs, lengths: batch.lengths },
    loss: {
      kind: 'train',
      loss: binding.loss,
      targets: batch.targets,
      ...(batch.targetLengths === undefined ? {} : { targetLengths: batch.targetLengths }),
    },
    output: binding.target.output,
    lossAt,
  };
}

/**
 * ‖∂L/∂h_t‖ per step and the spectral radius of W_hh for every recurrent layer of `model`,
 * on `batch` with the training loss. `jacobian: false` skips the mean Jacobian norm (the
 * costly part for wide layers), as a live display wants. Synchronous; frees what it makes.
 */
export function diagnoseBatch(
  model: CompiledModel,
  batch: TrainBatch,
  binding: Pick<DataBinding, 'loss' | 'target'>,
  opts: { readonly lossAt?: LossAt; readonly jacobian?: boolean } = {},
): GradReport {
  return diagnoseGradients(model, {
    ...batchDiagnoseOptions(batch, binding, opts.lossAt ?? 'last'),
    ...(opts.jacobian === undefined ? {} : { jacobian: opts.jacobian }),
  });
}
