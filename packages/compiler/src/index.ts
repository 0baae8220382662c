export { compile, check } from './compile.js';
export type { CompileOptions, CompileResult } from './compile.js';
export type { CompileHost } from './host.js';
export { memoryHost, joinRelative } from './host.js';
export { COMPILER_CODES } from './codes.js';
export type { CompilerCode } from './codes.js';
export type { SetValue } from './program/hyperparameters.js';
export { parseSetValue } from './program/hyperparameters.js';
export type { TrainSpec, OptimizerSpec, ScheduleSpec, OptimizerKind } from './train/train-spec.js';
export { BUILTIN_DATASETS, METRICS } from './train/train-spec.js';
export {
  BUILTIN_DATASET_OPTIONS,
  DATA_FORMAT_OPTIONS,
  DATA_FORMATS,
  checkDataOption,
  checkDataOptionValue,
  unknownDataOption,
  type DataOptionTarget,
  type UnknownDataOption,
  formatOfPath,
} from './train/data-options.js';
export type {
  DataFormatName,
  DataOptionDef,
  DataOptionType,
  DataOptionValue,
  DatasetSpec,
} from './train/data-options.js';
export { BUILTIN_LAYERS } from './layers/registry.js';
export type { LayerDef, ArgDef } from './layers/layer-def.js';
export { signatureOf } from './layers/layer-def.js';
export { INITIALISER_NAMES } from './cell/initialisers.js';
export { inputVocabHyperparameters } from './program/vocab-bounds.js';
export { MAX_SIZE, MAX_LAYERS, MAX_PARAMETERS } from './limits.js';
