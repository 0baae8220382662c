import type { Diagnostic } from './diagnostic.js';
import type { SourceFile } from './span.js';

/** Colour hooks so the renderer stays free of terminal libraries; identity by default. */
export interface RenderStyle {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly note: (s: string) => string;
  readonly location: (s: string) => string;
  readonly underline: (s: string) => string;
  readonly dim: (s: string) => string;
}

const plain = (s: string): string => s;

/** No colours: what golden files and pipes get. */
export const plainStyle: RenderStyle = {
  error: plain,
  warning: plain,
  note: plain,
  location: plain,
  underline: plain,
  dim: plain,
};

/**
 * Render one diagnostic the way compilers do:
 *
 * ```
 * names.seq(3,27): error SEQ3002: gru expects a sequence [B, T, D]; got [B, 64]
 *   name |> embed(32) |> last |> gru(hidden)
 *                               ~~~~~~~~~~~
 * ```
 *
 * `displayPath` replaces the span's file name in the header (e.g. a path relative to cwd).
 */
export function renderDiagnostic(
  d: Diagnostic,
  source: SourceFile | undefined,
  style: RenderStyle = plainStyle,
  displayPath: string = d.span.file,
): string {
  const sev = style[d.severity](d.severity);
  if (!source) return `${style.location(displayPath)}: ${sev} ${d.code}: ${d.message}`;
  const { line, col } = source.lineCol(d.span.start);
  const lines = [`${style.location(`${displayPath}(${line},${col})`)}: ${sev} ${d.code}: ${d.message}`];
  const text = source.lineText(line);
  const end = source.lineCol(Math.max(d.span.start, d.span.end));
  const endCol = end.line === line ? end.col : text.length + 1;
  const width = Math.max(1, endCol - col);
  lines.push(`  ${text}`);
  lines.push(`  ${' '.repeat(col - 1)}${style.underline('~'.repeat(width))}`);
  if (d.hint) lines.push(style.dim(`  hint: ${d.hint}`));
  for (const r of d.related ?? []) {
    lines.push(style.dim(`  note: ${r.message} (${r.span.file})`));
  }
  return lines.join('\n');
}
