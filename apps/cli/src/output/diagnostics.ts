/** Printing diagnostics the way compilers do, and as JSON for tools. */
import {
  renderDiagnostic,
  type Diagnostic,
  type RenderStyle,
  type SourceFile,
} from '@seqlab/diagnostics';

/** Most diagnostics printed per file; the rest are counted ("… and 52,310 more"). */
export const MAX_SHOWN_PER_FILE = 50;

/**
 * Render each diagnostic with its source line, at most {@link MAX_SHOWN_PER_FILE} per file
 * (in order); the rest of a file's are summed up in one line after its last one shown.
 */
export function renderAll(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  style: RenderStyle,
): string {
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  const lines: string[] = [];
  for (const d of diagnostics) {
    const file = d.span.file;
    const n = shown.get(file) ?? 0;
    if (n >= MAX_SHOWN_PER_FILE) {
      hidden.set(file, (hidden.get(file) ?? 0) + 1);
      continue;
    }
    shown.set(file, n + 1);
    lines.push(renderDiagnostic(d, (f) => sources.get(f), style));
  }
  for (const [file, n] of hidden) {
    lines.push(style.dim(`${file}: … and ${n.toLocaleString('en-US')} more not shown`));
  }
  return lines.join('\n');
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
