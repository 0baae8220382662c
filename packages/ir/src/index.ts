export * from './types.js';
export type { OpAttrs } from './op-attrs.js';
export { attrsOf } from './node-attrs.js';
export {
  formatDim,
  formatShape,
  sameDim,
  sameShape,
  dimAdd,
  dimSub,
  dimMul,
  dimFloorDiv,
  dimCeilDiv,
  numericVolume,
} from './dims.js';
export type {
  ShapeErrorKind,
  ShapeError,
  ParamSpec,
  InferContext,
  OpDef,
  OpTraits,
  Recurrence,
} from './ops/op-def.js';
export { isShapeError } from './ops/op-def.js';
export { OPS, OP_NAMES, graphFlopsPerStep } from './ops/index.js';
export { broadcastShapes } from './ops/elementwise.js';
export {
  ELEMENTWISE_OPS,
  ROW_WISE_OPS,
  WHOLE_SEQUENCE_OPS,
  PARAM_OWNING_OPS,
  isRecurrent,
  recurrenceOf,
} from './ops/properties.js';
export { windowLength } from './ops/layers.js';
export { GATES, RECURRENCES, directions, layerSuffix } from './ops/recurrent.js';
export type { RecurrentName } from './ops/recurrent.js';
export { ModuleBuilder, GraphBuilder, BATCH_DIM } from './builder.js';
export type { NodeSpec, AddResult } from './builder.js';
export { verifyModule } from './verify.js';
export { moduleToJson, moduleFromJson } from './serialize.js';
export { analyzeModule } from './analyses/report.js';
export type { LayerReport, ModuleReport } from './analyses/report.js';
export { receptiveFields } from './analyses/receptive-field.js';
export type { ReceptiveField } from './analyses/receptive-field.js';
export type { Pass } from './passes/index.js';
export { runPasses, eliminateDeadCode, expandRecurrences } from './passes/index.js';
