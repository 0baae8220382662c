/**
 * The compiler's diagnostic catalogue. Codes are stable: tools and golden files depend on
 * them. Syntax codes (SEQ1xxx) live in `@seqlab/syntax`; this file owns names (SEQ2xxx),
 * types and shapes (SEQ3xxx) and training blocks (SEQ4xxx).
 */
export const COMPILER_CODES = {
  // names and imports
  unknownLayer: { code: 'SEQ2001', summary: 'unknown layer, cell or function' },
  unknownName: { code: 'SEQ2002', summary: 'unknown name' },
  duplicateDefinition: { code: 'SEQ2003', summary: 'a name is defined twice' },
  importNotFound: { code: 'SEQ2004', summary: 'imported file not found' },
  importCycle: { code: 'SEQ2005', summary: 'files import each other in a cycle' },
  unknownModel: { code: 'SEQ2006', summary: 'unknown model' },
  unknownHyperparameter: { code: 'SEQ2007', summary: '--set names no hyperparameter' },
  unknownArgument: { code: 'SEQ2008', summary: 'unknown argument name' },
  duplicateArgument: { code: 'SEQ2009', summary: 'argument given twice' },
  missingArgument: { code: 'SEQ2010', summary: 'required argument missing' },
  tooManyArguments: { code: 'SEQ2011', summary: 'too many arguments' },
  unsetHyperparameter: { code: 'SEQ2012', summary: 'hyperparameter has no value' },
  unknownMember: { code: 'SEQ2013', summary: 'value has no such member' },
  noModel: { code: 'SEQ2014', summary: 'no model to compile' },
  reservedName: { code: 'SEQ2015', summary: 'reserved name' },
  noOutputs: { code: 'SEQ2016', summary: 'model has no outputs' },
  unusedValue: { code: 'SEQ2017', summary: 'value is never used' },
  recursiveModel: { code: 'SEQ2018', summary: 'model or cell uses itself' },
  // types and shapes
  rankMismatch: { code: 'SEQ3001', summary: 'wrong number of dimensions' },
  arityMismatch: { code: 'SEQ3002', summary: 'wrong number of inputs' },
  dtypeMismatch: { code: 'SEQ3003', summary: 'wrong element type' },
  dimMismatch: { code: 'SEQ3004', summary: 'dimensions do not match' },
  badAttribute: { code: 'SEQ3005', summary: 'invalid layer attribute' },
  symbolicDim: { code: 'SEQ3006', summary: 'a number is needed but the dimension is symbolic' },
  argumentType: { code: 'SEQ3007', summary: 'argument of the wrong kind' },
  argumentRange: { code: 'SEQ3008', summary: 'argument out of range' },
  stateShape: { code: 'SEQ3009', summary: 'state assigned a value of another shape' },
  emitCount: { code: 'SEQ3010', summary: 'a cell must emit exactly once' },
  matmulShape: { code: 'SEQ3011', summary: '`@` operands do not align' },
  splitShape: { code: 'SEQ3012', summary: 'split does not divide the width' },
  targetCount: { code: 'SEQ3013', summary: 'number of names does not match the values' },
  badVocab: { code: 'SEQ3014', summary: 'invalid vocabulary bound' },
  notConstant: { code: 'SEQ3015', summary: 'a constant is needed here' },
  hyperType: { code: 'SEQ3016', summary: 'hyperparameter value of the wrong type' },
  notALayer: { code: 'SEQ3017', summary: 'not a layer' },
  notAValue: { code: 'SEQ3018', summary: 'not a tensor value' },
  badType: { code: 'SEQ3019', summary: 'invalid tensor type' },
  stateNeverUpdated: { code: 'SEQ3020', summary: 'state is never assigned' },
  sizeLimit: { code: 'SEQ3021', summary: "a size or count above seqlab's limits" },
  parameterLimit: { code: 'SEQ3022', summary: 'model has more parameters than seqlab allows' },
  // training blocks
  unknownSetting: { code: 'SEQ4001', summary: 'unknown training setting' },
  settingType: { code: 'SEQ4002', summary: 'training setting of the wrong type' },
  settingRange: { code: 'SEQ4003', summary: 'training setting out of range' },
  unknownOptimizer: { code: 'SEQ4004', summary: 'unknown optimiser' },
  unknownLoss: { code: 'SEQ4005', summary: 'unknown loss' },
  unknownMetric: { code: 'SEQ4006', summary: 'unknown metric' },
  unknownDataset: { code: 'SEQ4007', summary: 'unknown built-in data set' },
  duplicateSetting: { code: 'SEQ4008', summary: 'setting given twice' },
  unknownSchedule: { code: 'SEQ4009', summary: 'unknown learning-rate schedule' },
  unknownOption: { code: 'SEQ4010', summary: 'unknown option of an optimiser or schedule' },
  duplicateTrain: { code: 'SEQ4011', summary: 'model has two train blocks' },
} as const;

/** The key of a compiler diagnostic in {@link COMPILER_CODES}. */
export type CompilerCode = keyof typeof COMPILER_CODES;
