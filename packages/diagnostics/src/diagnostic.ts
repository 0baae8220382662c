import type { Span } from './span.js';

/** How bad a diagnostic is. Errors stop compilation; warnings and notes do not. */
export type Severity = 'error' | 'warning' | 'note';

/** A secondary location that explains a diagnostic (e.g. "first defined here"). */
export interface RelatedInfo {
  readonly message: string;
  readonly span: Span;
}

/**
 * A user-facing problem. User errors are values, never exceptions: every stage returns
 * `Diagnostic[]`. Codes are stable (`SEQ1xxx` syntax, `SEQ2xxx` names, `SEQ3xxx` types and
 * shapes, `SEQ4xxx` training configuration, `SEQ5xxx` backend, `SEQ6xxx` data).
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  readonly hint?: string;
}

/** True when any diagnostic in `diagnostics` is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort diagnostics by file, then position, then code, for stable output. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.span.file.localeCompare(b.span.file) ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      a.code.localeCompare(b.code),
  );
}
