import type { Diagnostic, Span } from '@seqlab/diagnostics';

/**
 * The data diagnostics catalogue (`SEQ6xxx`). Codes are stable: tests, docs and users
 * refer to them, so a code is never reused for another meaning.
 */
export const DataCodes = {
  unknownBuiltin: 'SEQ6001',
  badBuiltinOption: 'SEQ6002',
  corpusUnavailable: 'SEQ6003',
  cannotRead: 'SEQ6004',
  unknownFormat: 'SEQ6005',
  emptyFile: 'SEQ6010',
  invalidUtf8: 'SEQ6011',
  raggedRow: 'SEQ6012',
  notANumber: 'SEQ6013',
  wrongWidth: 'SEQ6014',
  unknownLabel: 'SEQ6015',
  invalidJson: 'SEQ6016',
  badRecord: 'SEQ6017',
  lengthMismatch: 'SEQ6018',
  npyHeader: 'SEQ6019',
  npyDtype: 'SEQ6020',
  npySize: 'SEQ6021',
  npyShape: 'SEQ6022',
  noExamples: 'SEQ6023',
  tooManyErrors: 'SEQ6024',
} as const;

/** One of the data diagnostic codes. */
export type DataCode = (typeof DataCodes)[keyof typeof DataCodes];

/** An error diagnostic about data in `span.file`. */
export function dataError(code: DataCode, message: string, span: Span, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: 'error', message, span }
    : { code, severity: 'error', message, span, hint };
}

/** A span covering no text in `file` (for whole-file problems and options). */
export function fileSpan(file: string, start = 0, end = start): Span {
  return { file, start, end };
}
