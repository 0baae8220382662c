/**
 * The compiler's diagnostics catalogue. Codes are stable: tools and golden files depend on
 * them. Syntax codes (SEQ1xxx) live in `@seqlab/syntax`; this file owns names (SEQ2xxx),
 * types and shapes (SEQ3xxx) and training blocks (SEQ4xxx). SEQ2014 ("no model to compile")
 * was never reported and is retired: the CLI answers a file without models with a usage
 * error, and a library file of cells is valid to `check`.
 */
import { defineCatalogue } from '@seqlab/diagnostics';

/** Compiler diagnostics by the name `Reporter` call sites report them with. */
export const COMPILER_CODES = defineCatalogue({
  // names and imports
  unknownLayer: {
    code: 'SEQ2001',
    severity: 'error',
    summary: 'unknown layer, cell or function',
    message: 'unknown layer `{name}`; did you mean `{suggestion}`?',
    fix: 'Check the spelling, define the cell or model, or `import` the file that defines it.',
  },
  unknownName: {
    code: 'SEQ2002',
    severity: 'error',
    summary: 'unknown name',
    message: 'unknown name `{name}`',
    fix: 'Bind the name before using it (`name = expr` or `expr -> name`), or declare it as an `input`.',
  },
  duplicateDefinition: {
    code: 'SEQ2003',
    severity: 'error',
    summary: 'a name is defined twice',
    message: '`{name}` is already defined',
    fix: 'Give one of the two definitions another name.',
  },
  importNotFound: {
    code: 'SEQ2004',
    severity: 'error',
    summary: 'imported file not found',
    message: 'cannot find "{path}" (looked for {resolved})',
    fix: 'Fix the path; imports are relative to the importing file.',
  },
  importCycle: {
    code: 'SEQ2005',
    severity: 'error',
    summary: 'files import each other in a cycle',
    message: 'import cycle: {a} -> {b} -> {a}',
    fix: 'Move the shared definitions into a third file that both import.',
  },
  unknownModel: {
    code: 'SEQ2006',
    severity: 'error',
    summary: 'unknown model',
    message: 'train block for unknown model `{name}`',
    fix: 'Name a model defined in the file (or imported into it).',
  },
  unknownHyperparameter: {
    code: 'SEQ2007',
    severity: 'error',
    summary: '--set names no hyperparameter',
    message: 'model {model} has no hyperparameter `{name}`',
    fix: 'Use one of the names the hint lists; hyperparameters are declared in the model header.',
    example: {
      file: 'set-unknown.seq',
      text: 'model M(hidden = 8) {\n  input x: [B, T, 4]\n  x |> gru(hidden) |> last |> dense(2) -> y\n  output y\n}\n',
      set: { hiden: 4 },
    },
  },
  unknownArgument: {
    code: 'SEQ2008',
    severity: 'error',
    summary: 'unknown argument name',
    message: '{layer} has no argument `{name}`; did you mean `{suggestion}`?',
    fix: 'Use an argument the layer has (docs/language.md lists them).',
  },
  duplicateArgument: {
    code: 'SEQ2009',
    severity: 'error',
    summary: 'argument given twice',
    message: 'argument `{name}` is given twice',
    fix: 'Give each argument once.',
  },
  missingArgument: {
    code: 'SEQ2010',
    severity: 'error',
    summary: 'required argument missing',
    message: '{layer} needs `{name}` ({meaning})',
    fix: 'Add the argument, by position or by name.',
  },
  tooManyArguments: {
    code: 'SEQ2011',
    severity: 'error',
    summary: 'too many arguments',
    message: 'too many arguments for {layer}; it is {signature}',
    fix: 'Drop the extra arguments; the message shows the signature.',
  },
  unsetHyperparameter: {
    code: 'SEQ2012',
    severity: 'error',
    summary: 'hyperparameter has no value',
    message: 'hyperparameter `{name}` has no default; give it with --set {name}=VALUE',
    fix: 'Give a default in the model header or a value with `--set`.',
  },
  unknownMember: {
    code: 'SEQ2013',
    severity: 'error',
    summary: 'value has no such member',
    message: 'this value has no members (only recurrent layers have final states such as .h)',
    fix: 'Use members only on values that have them, such as the final states of recurrent layers (`.h`, `.c`).',
  },
  reservedName: {
    code: 'SEQ2015',
    severity: 'error',
    summary: 'reserved name',
    message: '`{name}` is reserved in cells ({meaning})',
    fix: 'Rename the binding; `x` is the step input of a cell.',
  },
  noOutputs: {
    code: 'SEQ2016',
    severity: 'error',
    summary: 'model has no outputs',
    message: 'model {name} declares no outputs',
    fix: 'Add `output name` for a value the model computes.',
  },
  unusedValue: {
    code: 'SEQ2017',
    severity: 'warning',
    summary: 'value is never used',
    message: '`{name}` is computed but never used',
    fix: 'Use the value, make it an output, or delete it.',
  },
  recursiveModel: {
    code: 'SEQ2018',
    severity: 'error',
    summary: 'model or cell uses itself',
    message: 'model {name} cannot use itself as a layer',
    fix: 'Models and cells cannot call themselves; a cell already repeats over time.',
  },
  // types and shapes
  rankMismatch: {
    code: 'SEQ3001',
    severity: 'error',
    summary: 'wrong number of dimensions',
    message: '{layer} expects {expected}; got {shape}',
    fix: 'Reshape first: keep the time axis for recurrences, or take `last` before a per-example layer.',
  },
  arityMismatch: {
    code: 'SEQ3002',
    severity: 'error',
    summary: 'wrong number of inputs',
    message: '{layer} takes {count} input values; got {n}',
    fix: 'Give the layer as many inputs as the message says.',
  },
  dtypeMismatch: {
    code: 'SEQ3003',
    severity: 'error',
    summary: 'wrong element type',
    message: '{layer} expects a float input; got int token ids {shape} (embed them first)',
    fix: 'Convert first: token ids go through `embed`, floats into dense layers.',
  },
  dimMismatch: {
    code: 'SEQ3004',
    severity: 'error',
    summary: 'dimensions do not match',
    message: '{op} needs matching (or broadcastable) shapes; got {a} and {b}',
    fix: 'Make the widths agree, e.g. with a `dense` layer that projects one side.',
  },
  badAttribute: {
    code: 'SEQ3005',
    severity: 'error',
    summary: 'invalid layer attribute',
    message: '{layer} needs {condition}; got {value}',
    fix: 'Give the attribute a value in the range the message names.',
  },
  symbolicDim: {
    code: 'SEQ3006',
    severity: 'error',
    summary: 'a number is needed but the dimension is symbolic',
    message: '{what} needs a known input width; got {shape}',
    fix: 'Give the feature axis a number in the input type (`float[B, T, 16]`).',
  },
  argumentType: {
    code: 'SEQ3007',
    severity: 'error',
    summary: 'argument of the wrong kind',
    message: '{layer}({name} = ...) must be {kind}; got {value}',
    fix: 'Pass a value of the kind the message names.',
  },
  argumentRange: {
    code: 'SEQ3008',
    severity: 'error',
    summary: 'argument out of range',
    message: '{layer}({name} = ...) must be in {range}; got {value}',
    fix: 'Pass a value inside the range.',
  },
  stateShape: {
    code: 'SEQ3009',
    severity: 'error',
    summary: 'state assigned a value of another shape',
    message: 'state `{name}` is {shape} but is assigned a value of shape {other}',
    fix: 'Make the new value the shape the state was declared with.',
  },
  emitCount: {
    code: 'SEQ3010',
    severity: 'error',
    summary: 'a cell must emit exactly once',
    message: 'cell {name} never emits a value',
    fix: 'Write exactly one `emit expr` in the cell.',
  },
  matmulShape: {
    code: 'SEQ3011',
    severity: 'error',
    summary: '`@` operands do not align',
    message: 'cannot multiply {a} @ {b}: {why}',
    fix: 'Make the inner dimensions agree (the matrix columns and the vector entries).',
  },
  splitShape: {
    code: 'SEQ3012',
    severity: 'error',
    summary: 'split does not divide the width',
    message: 'cannot split width {width} into {n} equal parts (value is {shape})',
    fix: 'Split into a number of parts that divides the width.',
  },
  targetCount: {
    code: 'SEQ3013',
    severity: 'error',
    summary: 'number of names does not match the values',
    message: '{n} names but the expression gives {count}',
    fix: 'Bind as many names as the expression gives values.',
  },
  badVocab: {
    code: 'SEQ3014',
    severity: 'error',
    summary: 'invalid vocabulary bound',
    message:
      'token ids need a vocabulary bound: write `int < V` with V the number of distinct tokens',
    fix: 'Write `int < V` with V a positive integer.',
  },
  notConstant: {
    code: 'SEQ3015',
    severity: 'error',
    summary: 'a constant is needed here',
    message: 'a constant (number, string, boolean or list) is needed here',
    fix: 'Use a literal or a hyperparameter here, not a tensor expression.',
  },
  hyperType: {
    code: 'SEQ3016',
    severity: 'error',
    summary: 'hyperparameter value of the wrong type',
    message: '--set {name}={value}: {name} is {kind} (default {default}); got {other}',
    fix: 'Give `--set` a value of the same kind as the default.',
    example: {
      file: 'set-type.seq',
      text: 'model M(hidden = 8) {\n  input x: [B, T, 4]\n  x |> gru(hidden) |> last |> dense(2) -> y\n  output y\n}\n',
      set: { hidden: 'wide' },
    },
  },
  notALayer: {
    code: 'SEQ3017',
    severity: 'error',
    summary: 'not a layer',
    message: '{wrapper} wraps a recurrence (rnn, lstm, gru or a cell); `{name}` is not one',
    fix: 'Wrap a layer of the kind the message names.',
  },
  notAValue: {
    code: 'SEQ3018',
    severity: 'error',
    summary: 'not a tensor value',
    message: '`{name}` is a hyperparameter (a constant), not a tensor',
    fix: 'Use tensors where tensors flow; hyperparameters go into layer arguments.',
  },
  badType: {
    code: 'SEQ3019',
    severity: 'error',
    summary: 'invalid tensor type',
    message: 'a dimension must be a positive integer or a symbol such as T; got {value}',
    fix: 'Write dimensions as positive integers or symbols.',
  },
  stateNeverUpdated: {
    code: 'SEQ3020',
    severity: 'warning',
    summary: 'state is never assigned',
    message: 'state `{name}` is never assigned, so it never changes',
    fix: 'Assign the state in the cell (`name = expr`), or make it a `param`.',
  },
  sizeLimit: {
    code: 'SEQ3021',
    severity: 'error',
    summary: "a size or count above seqlab's limits",
    message: "a dimension of {n} is above seqlab's limit of {limit}",
    fix: 'Use smaller sizes; see "Limits" in docs/language.md.',
  },
  parameterLimit: {
    code: 'SEQ3022',
    severity: 'error',
    summary: 'model has more parameters than seqlab allows',
    message: 'model {name} would have {n} parameters; seqlab allows at most {limit}',
    fix: 'Use smaller layers.',
  },
  // training blocks
  unknownSetting: {
    code: 'SEQ4001',
    severity: 'error',
    summary: 'unknown training setting',
    message: 'unknown training setting `{name}`; did you mean `{suggestion}`?',
    fix: 'Use a setting listed in docs/language.md.',
  },
  settingType: {
    code: 'SEQ4002',
    severity: 'error',
    summary: 'training setting of the wrong type',
    message: '`{name}` must be {kind}; got {value}',
    fix: 'Give the setting a value of the kind the message names.',
  },
  settingRange: {
    code: 'SEQ4003',
    severity: 'error',
    summary: 'training setting out of range',
    message: '`{name}` is {value}; seqlab allows at most {limit}',
    fix: 'Give a value inside the allowed range.',
  },
  unknownOptimizer: {
    code: 'SEQ4004',
    severity: 'error',
    summary: 'unknown optimiser',
    message: 'unknown optimiser `{name}`; did you mean `{suggestion}`?',
    fix: 'Use one of the optimisers the hint lists.',
  },
  unknownLoss: {
    code: 'SEQ4005',
    severity: 'error',
    summary: 'unknown loss',
    message: 'unknown loss `{name}`; did you mean `{suggestion}`?',
    fix: 'Use one of the losses the hint lists.',
  },
  unknownMetric: {
    code: 'SEQ4006',
    severity: 'error',
    summary: 'unknown metric',
    message: 'unknown metric `{name}`',
    fix: 'Use one of the metrics the hint lists.',
  },
  unknownDataset: {
    code: 'SEQ4007',
    severity: 'error',
    summary: 'unknown built-in data set',
    message: 'unknown data reader `{name}`; did you mean `{suggestion}`?',
    fix: 'Name a built-in data set or a reader (csv, jsonl, text, npy); see docs/data.md.',
  },
  duplicateSetting: {
    code: 'SEQ4008',
    severity: 'error',
    summary: 'setting given twice',
    message: '`{name}` is set twice',
    fix: 'Set each training setting once.',
  },
  unknownSchedule: {
    code: 'SEQ4009',
    severity: 'error',
    summary: 'unknown learning-rate schedule',
    message: 'unknown schedule `{name}`; did you mean `{suggestion}`?',
    fix: 'Use constant, step(every, gamma), cosine(warmup) or warmup(steps).',
  },
  unknownOption: {
    code: 'SEQ4010',
    severity: 'error',
    summary: 'unknown option of an optimiser or schedule',
    message: '{optimiser} has no option `{name}`; did you mean `{suggestion}`?',
    fix: 'Use an option the optimiser or schedule has.',
  },
  duplicateTrain: {
    code: 'SEQ4011',
    severity: 'error',
    summary: 'model has two train blocks',
    message: 'model {name} already has a train block',
    fix: 'Keep one train block per model.',
  },
  unknownDataOption: {
    code: 'SEQ4012',
    severity: 'error',
    summary: 'unknown option of a data reader',
    message: '{reader} has no option `{name}`; did you mean `{suggestion}`?',
    fix: 'Use an option the reader has; see docs/data.md.',
  },
  dataOptionValue: {
    code: 'SEQ4013',
    severity: 'error',
    summary: 'data option of the wrong type or out of range',
    message: '{reader}: {option} must be {expected}; got {value}',
    fix: 'Give the option a value the reader accepts; see docs/data.md.',
  },
});

/** The key of a compiler diagnostic in {@link COMPILER_CODES}. */
export type CompilerCode = keyof typeof COMPILER_CODES;

type CompilerSeverity<K extends CompilerCode> = (typeof COMPILER_CODES)[K]['severity'];

/** The compiler codes reported as errors (the catalogue's severity, checked at call sites). */
export type CompilerErrorCode = {
  [K in CompilerCode]: CompilerSeverity<K> extends 'error' ? K : never;
}[CompilerCode];

/** The compiler codes reported as warnings. */
export type CompilerWarningCode = Exclude<CompilerCode, CompilerErrorCode>;
