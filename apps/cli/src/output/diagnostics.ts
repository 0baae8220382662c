/** Printing diagnostics the way compilers do, and as JSON for tools. */
import {
  renderDiagnostic,
  type Diagnostic,
  type RenderStyle,
  type SourceFile,
} from '@seqlab/diagnostics';

/** Render every diagnostic (with its source line) followed by a blank line each. */
export function renderAll(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  style: RenderStyle,
): string {
  return diagnostics.map((d) => renderDiagnostic(d, (f) => sources.get(f), style)).join('\n');
}

/** One diagnostic as plain JSON with 1-based line/column positions. */
export interface DiagnosticJson {
  file: string;
  line: number;
  col: number;
  end_line: number;
  end_col: number;
  code: string;
  severity: string;
  message: string;
  hint?: string;
}

/** Diagnostics with positions resolved, for `--json`. */
export function diagnosticsJson(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
): DiagnosticJson[] {
  return diagnostics.map((d) => {
    const src = sources.get(d.span.file);
    const start = src?.lineCol(d.span.start) ?? { line: 1, col: 1 };
    const end = src?.lineCol(d.span.end) ?? start;
    return {
      file: d.span.file,
      line: start.line,
      col: start.col,
      end_line: end.line,
      end_col: end.col,
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    };
  });
}

/** "2 errors, 1 warning" (or "no problems"). */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors === 0 && warnings === 0) return 'no problems';
  const part = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return [errors ? part(errors, 'error') : '', warnings ? part(warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
}
