/**
 * @seqlab/tfjs: lowers the seqlab IR to TensorFlow.js (any backend) and trains it.
 */
export type {
  CompiledModel,
  Feeds,
  ForwardOptions,
  LowerOptions,
  RecurrentStates,
  StatefulResult,
  Tf,
} from './types.js';
export { lowerModule } from './lower/lower-module.js';
export { SequenceTooShortError } from './lower/windows.js';
export { initParam } from './init.js';
export { createRng, hashSeed, type Rng } from './rng.js';
export { ensureGradients } from './grad/register.js';
export { Trainer } from './train/trainer.js';
export type {
  OptimizerSpec,
  ScheduleSpec,
  StepResult,
  TrainBatch,
  TrainConfig,
} from './train/types.js';
export { scheduledLearningRate } from './train/schedule.js';
export { createOptimizer, type GradientPair, type SteppingOptimizer } from './train/optimizers.js';
export { crossEntropy, meanSquaredError, computeLoss } from './train/losses.js';
export { clipGradients, type ClipResult } from './train/clip.js';
export {
  editDistance,
  editErrorRate,
  wordAccuracy,
  MetricAccumulator,
  type MetricName,
  type Scores,
} from './train/metrics.js';
export {
  bindDataset,
  toTrainBatch,
  disposeBatch,
  TrainingSession,
  type DataBinding,
  type BindResult,
  type SessionOptions,
  type StepInfo,
  type EpochHooks,
  type EpochOutcome,
  type EpochStats,
  NO_EPOCH_STATS,
  type SessionPosition,
  RUN_FILES,
  dataHyperparameters,
  type RunConfig,
  type Checkpoint,
} from './session/index.js';
export {
  encodeSafetensors,
  decodeSafetensors,
  type NamedTensor,
  type DecodeResult,
} from './weights/safetensors.js';
export { saveWeights, loadWeights, readWeights } from './weights/model-weights.js';
export type { ProbeSite, StateProbe } from './types.js';
export { diagnoseGradients } from './diagnostics/diagnose.js';
export { gradReportJson, layerJson } from './diagnostics/report-json.js';
export { randomFeeds } from './diagnostics/random-feeds.js';
export { probeStateGradients, type ProbeResult } from './diagnostics/probe.js';
export { recurrentLayers, type RecurrentLayer } from './diagnostics/layers.js';
export { DenseMatrix } from './diagnostics/dense-matrix.js';
export { eigenvalues, spectralRadius, type Eigenvalue } from './diagnostics/eigenvalues.js';
export { maxSingularValue } from './diagnostics/singular.js';
export { VANISHING_BELOW, EXPLODING_ABOVE, verdictOf } from './diagnostics/verdict.js';
export type {
  DiagnoseOptions,
  DiagnosticLoss,
  GradReport,
  LayerReport,
  LossAt,
  Verdict,
  WeightBlock,
} from './diagnostics/types.js';
export { tanhRnnForward, tanhRnnBackward } from './bptt/tanh-rnn.js';
export type { TanhRnnParams, TanhRnnGradients } from './bptt/tanh-rnn.js';
export { tanhRnnDirection } from './bptt/rnn-custom-grad.js';
export { diagnoseBatch, batchDiagnoseOptions } from './diagnostics/diagnose-batch.js';
export { benchmarkModel, median, type BenchOptions, type BenchResult } from './bench/benchmark.js';
export {
  provideKernels,
  registerFastKernels,
  type KernelInstaller,
  type KernelRegistry,
} from './kernels/provider.js';
export { COL2IM, IM2COL, type Im2ColAttrs } from './kernels/im2col.js';
export { ADAM_KERNEL, type AdamAttrs } from './train/adam-update.js';
export { checkSeqlabKernels, type KernelCheck } from './kernels/check-kernels.js';
export { explicitDirection } from './bptt/explicit-recurrence.js';
export type { DirectionInputs, DirectionOutputs } from './bptt/explicit-recurrence.js';
export {
  ALL_CELL_KERNELS,
  CELL_KERNELS,
  SAVING_CELL_KERNELS,
  type CellAttrs,
  type CellKernelName,
  type CellKind,
  type RecomputingCellKernelName,
} from './bptt/cell-ops.js';
