import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan, type DataCode } from '../codes.js';
import { lineSpan, type TextLine } from '../text-lines.js';
import { MAX_ERRORS } from './options.js';

/**
 * Collects a reader's diagnostics. Every message starts with `line N:` and the span covers
 * that line, so a person can find the row even where the CLI shows no source excerpt.
 */
export class Problems {
  readonly list: Diagnostic[] = [];
  private dropped = 0;

  constructor(readonly file: string) {}

  /** Record a problem on `line`. */
  add(code: DataCode, line: TextLine, message: string, hint?: string): void {
    if (this.list.length >= MAX_ERRORS) {
      this.dropped++;
      return;
    }
    this.list.push(
      dataError(code, `line ${line.line}: ${message}`, lineSpan(this.file, line), hint),
    );
  }

  /** True once enough errors are in that reading further is pointless. */
  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }

  /** Whether any problem was recorded. */
  get any(): boolean {
    return this.list.length > 0;
  }

  /** The diagnostics, with a closing note when some were left out. */
  result(): Diagnostic[] {
    if (this.dropped === 0) return this.list;
    return [
      ...this.list,
      {
        ...dataError(
          DataCodes.tooManyErrors,
          `${this.dropped} more problems not shown`,
          fileSpan(this.file),
        ),
        severity: 'note',
      },
    ];
  }
}

/** A parsed number, or why the text is not one. */
export type NumberParse =
  { value: number; error?: undefined } | { value?: undefined; error: string };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse a decimal number strictly: no hex, no empty string as 0, NaN/Infinity refused. */
export function parseNumber(text: string): NumberParse {
  const s = text.trim();
  if (s === '') return { error: 'empty value where a number was expected' };
  if (/^[+-]?nan$/i.test(s)) return { error: 'NaN value' };
  if (/^[+-]?(inf|infinity)$/i.test(s)) return { error: `non-finite value "${s}"` };
  if (!DECIMAL.test(s)) return { error: `"${s}" is not a number` };
  const value = Number(s);
  if (!Number.isFinite(value)) return { error: `"${s}" overflows` };
  return { value };
}
