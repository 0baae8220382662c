import { defineCatalogue, type Diagnostic, type Span } from '@seqlab/diagnostics';

/**
 * The data diagnostics catalogue (`SEQ6xxx`). Codes are stable: tests, docs and users
 * refer to them, so a code is never reused for another meaning.
 */
export const DATA_DIAGNOSTICS = defineCatalogue({
  unknownBuiltin: {
    code: 'SEQ6001',
    severity: 'error',
    summary: 'unknown built-in data set',
    message: 'unknown built-in data set "{name}"',
    fix: 'Use a name from the hint list (`seqlab data` lists them).',
  },
  badBuiltinOption: {
    code: 'SEQ6002',
    severity: 'error',
    summary: 'unknown or invalid option of a built-in data set',
    message: '{dataset} has no option "{name}"',
    fix: 'Use an option the data set takes, in the range the message names.',
  },
  corpusUnavailable: {
    code: 'SEQ6003',
    severity: 'error',
    summary: 'the corpus of a built-in data set cannot be read',
    message: 'cannot read {what}: the corpus package is not installed or files cannot be read here',
    fix: 'Install the corpus package the hint names (in the playground: check the network and reload).',
  },
  cannotRead: {
    code: 'SEQ6004',
    severity: 'error',
    summary: 'the data file cannot be read',
    message: 'cannot read the file: {reason}',
    fix: 'Check the path and its permissions.',
  },
  unknownFormat: {
    code: 'SEQ6005',
    severity: 'error',
    summary: 'unknown data format',
    message: 'unknown data format',
    fix: 'Name the file .csv, .tsv, .jsonl, .txt or .npy, or give the reader in the train block.',
  },
  emptyFile: {
    code: 'SEQ6010',
    severity: 'error',
    summary: 'the data file is empty',
    message: 'the file is empty',
    fix: 'Point the train block at a file with examples.',
    example: { file: 'empty.jsonl', text: '' },
  },
  invalidUtf8: {
    code: 'SEQ6011',
    severity: 'error',
    summary: 'the data file is not UTF-8',
    message: 'line {n}: invalid UTF-8 (byte {offset}: 0x{hex})',
    fix: 'Save the file as UTF-8.',
  },
  raggedRow: {
    code: 'SEQ6012',
    severity: 'error',
    summary: 'a CSV row has the wrong number of columns',
    message: 'line {n}: expected {width} columns, got {count}',
    fix: 'Give every row as many cells as the header.',
    example: { file: 'ragged.csv', text: 'x1,x2,y\n1,2,a\n3,b\n' },
  },
  notANumber: {
    code: 'SEQ6013',
    severity: 'error',
    summary: 'a value that must be a number is not one',
    message: 'line {n}: step {t}: {why}',
    fix: 'Write the value as a decimal number (no hex, no empty cells, no NaN).',
    example: { file: 'not-a-number.csv', text: 'x1,x2,y\n1,two,a\n3,4,b\n' },
  },
  wrongWidth: {
    code: 'SEQ6014',
    severity: 'error',
    summary: 'a step has the wrong number of values',
    message: 'line {n}: step {t} has {count} values; expected {width}',
    fix: 'Give every step as many values as the first record.',
    example: {
      file: 'width.jsonl',
      text: '{"x": [[1, 2], [3, 4]], "y": 0}\n{"x": [[1, 2], [3]], "y": 1}\n',
    },
  },
  unknownLabel: {
    code: 'SEQ6015',
    severity: 'error',
    summary: 'a label outside the known set',
    message: 'line {n}: unknown tag "{tag}"',
    fix: 'Use the labels the model was trained with, or retrain with the new ones.',
  },
  invalidJson: {
    code: 'SEQ6016',
    severity: 'error',
    summary: 'a JSON Lines line is not valid JSON',
    message: 'line {n}: invalid JSON ({why})',
    fix: 'Write one JSON object per line.',
    example: {
      file: 'broken.jsonl',
      text: '{"text": "ok", "label": "a"}\n{"text": "no closing brace"\n',
    },
  },
  badRecord: {
    code: 'SEQ6017',
    severity: 'error',
    summary: 'a JSON Lines record of an unexpected shape',
    message: 'line {n}: expected a JSON object',
    fix: 'Give every line the same record shape (see docs/data.md).',
    example: { file: 'array.jsonl', text: '[1, 2, 3]\n' },
  },
  lengthMismatch: {
    code: 'SEQ6018',
    severity: 'error',
    summary: 'inputs and targets of different lengths',
    message: 'line {n}: {tokens} tokens but {tags} tags',
    fix: 'Give one target per step (one tag per token).',
    example: { file: 'tags.jsonl', text: '{"tokens": ["the", "dog"], "tags": ["DET"]}\n' },
  },
  npyHeader: {
    code: 'SEQ6019',
    severity: 'error',
    summary: 'not a valid .npy header',
    message: 'not a .npy file (missing the \\x93NUMPY magic string)',
    fix: 'Save the arrays with numpy.save.',
  },
  npyDtype: {
    code: 'SEQ6020',
    severity: 'error',
    summary: 'unsupported .npy element type',
    message: "unsupported dtype '{descr}'; expected float32, float64, int32 or int64",
    fix: 'Save as float32, float64, int32 or int64, little-endian.',
  },
  npySize: {
    code: 'SEQ6021',
    severity: 'error',
    summary: '.npy data shorter than its shape',
    message: 'shape ({shape}) needs {need} bytes of {dtype} data, the file has {have}',
    fix: 'Save the file again; it was cut short.',
  },
  npyShape: {
    code: 'SEQ6022',
    severity: 'error',
    summary: '.npy arrays of the wrong shapes',
    message: 'X must be [N, T, D] or [N, T]; got [{shape}]',
    fix: 'Save X as [N, T, D] (or [N, T]) and y as [N] or [N, W].',
  },
  noExamples: {
    code: 'SEQ6023',
    severity: 'error',
    summary: 'the data holds no examples',
    message: 'the file holds no examples',
    fix: 'Point the train block at a file with at least one example.',
    example: { file: 'header-only.csv', text: 'x1,x2,y\n' },
  },
  noInputColumn: {
    code: 'SEQ6025',
    severity: 'error',
    summary: 'a CSV file with no column left for the input',
    message: 'line {n}: no column is left for the input: its one column is the label',
    fix: 'Most often a file separated by another character: set `delimiter` (the hint names the one line 1 holds; `;`, tab and `|` are found alone when no line has a comma and every line splits evenly).',
    example: { file: 'ragged.csv', text: 'text;label\ngood film;pos\nbad;film;neg\n' },
  },
  tooManyErrors: {
    code: 'SEQ6024',
    severity: 'note',
    summary: 'more problems than are shown',
    message: '{n} more problems not shown',
    fix: 'Fix the problems shown first; a reader lists at most 20.',
  },
});

type DataDiagnostics = typeof DATA_DIAGNOSTICS;

/** Data codes by name (`DataCodes.emptyFile === 'SEQ6010'`): what call sites report. */
export const DataCodes = Object.fromEntries(
  Object.entries(DATA_DIAGNOSTICS).map(([name, def]) => [name, def.code]),
) as { readonly [K in keyof DataDiagnostics]: DataDiagnostics[K]['code'] };

/** One of the data diagnostic codes. */
export type DataCode = (typeof DataCodes)[keyof typeof DataCodes];

const BY_CODE = new Map(Object.values(DATA_DIAGNOSTICS).map((def) => [def.code, def]));

/** A diagnostic about data in `span.file`, with the severity its catalogue entry gives. */
export function dataError(code: DataCode, message: string, span: Span, hint?: string): Diagnostic {
  const severity = BY_CODE.get(code)?.severity ?? 'error';
  return hint === undefined
    ? { code, severity, message, span }
    : { code, severity, message, span, hint };
}

/** A span covering no text in `file` (for whole-file problems and options). */
export function fileSpan(file: string, start = 0, end = start): Span {
  return { file, start, end };
}
