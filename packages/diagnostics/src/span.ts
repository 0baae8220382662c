/**
 * Source positions. Spans are half-open character offsets into one source file; line and
 * column are computed only when a span is shown (TypeScript/esbuild style), so the parser
 * and compiler never juggle two coordinate systems.
 */

/** A half-open range `[start, end)` of character offsets in the file named `file`. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** A 1-based line and column. */
export interface LineCol {
  readonly line: number;
  readonly col: number;
}

/** A source text with a line index for turning offsets into line:col. */
export class SourceFile {
  private readonly lineStarts: number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** The 1-based line and column of `offset` (clamped into the file). */
  lineCol(offset: number): LineCol {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** The text of 1-based line `line`, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /** Number of lines in the file. */
  get lineCount(): number {
    return this.lineStarts.length;
  }
}

/** A span covering both `a` and `b` (which must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
