import type { Diagnostic, RelatedInfo, Span } from '@seqlab/diagnostics';
import {
  COMPILER_CODES,
  type CompilerCode,
  type CompilerErrorCode,
  type CompilerWarningCode,
} from './codes.js';

/** Collects diagnostics for one compilation; stages report, never throw. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  /** Report an error with a catalogue code at `span`. */
  error(
    code: CompilerErrorCode,
    span: Span,
    message: string,
    hint?: string,
    related?: readonly RelatedInfo[],
  ): void {
    this.push('error', code, span, message, hint, related);
  }

  /** Report a warning with a catalogue code at `span`. */
  warning(code: CompilerWarningCode, span: Span, message: string, hint?: string): void {
    this.push('warning', code, span, message, hint);
  }

  /** Add diagnostics made elsewhere (the parser's). */
  addAll(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics.push(...diagnostics);
  }

  /** Number of errors so far; lets a stage tell whether its own work failed. */
  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  private push(
    severity: 'error' | 'warning',
    code: CompilerCode,
    span: Span,
    message: string,
    hint?: string,
    related?: readonly RelatedInfo[],
  ): void {
    const d: Diagnostic = {
      code: COMPILER_CODES[code].code,
      severity,
      message,
      span,
      ...(hint ? { hint } : {}),
      ...(related?.length ? { related } : {}),
    };
    this.diagnostics.push(d);
  }
}
