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
  RUN_FILES,
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
