export { bindDataset, type DataBinding, type BindResult } from './binding.js';
export { toTrainBatch } from './batches.js';
export { disposeBatch } from '../train/tbptt.js';
export {
  TrainingSession,
  type SessionOptions,
  type StepInfo,
  type EpochHooks,
  type EpochOutcome,
  type EpochStats,
  NO_EPOCH_STATS,
  type SessionPosition,
} from './session.js';
export { RUN_FILES, type RunConfig, type Checkpoint } from './run-format.js';
export { dataHyperparameters } from './data-hyperparameters.js';
