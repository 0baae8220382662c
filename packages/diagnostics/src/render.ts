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

/** Where to find the text of a file named in a span. */
export type SourceLookup = (file: string) => SourceFile | undefined;

/**
 * Render one diagnostic the way compilers do:
 *
 * ```
 * names.seq(3,27): error SEQ3002: gru expects a sequence [B, T, D]; got [B, 64]
 *   name |> embed(32) |> last |> gru(hidden)
 *                               ~~~~~~~~~~~
 * ```
 *
 * Related locations ("first defined here") are shown as notes with their own line:col.
 */
export function renderDiagnostic(
  d: Diagnostic,
  sources: SourceLookup,
  style: RenderStyle = plainStyle,
): string {
  const sev = style[d.severity](d.severity);
  const source = sources(d.span.file);
  if (!source) return `${style.location(d.span.file)}: ${sev} ${d.code}: ${d.message}`;
  const lines = [
    `${style.location(locate(d.span.file, d.span.start, sources))}: ${sev} ${d.code}: ${d.message}`,
    ...excerpt(source, d.span.start, d.span.end, style),
  ];
  if (d.hint) lines.push(style.dim(`  hint: ${d.hint}`));
  for (const r of d.related ?? []) {
    lines.push(style.dim(`  note: ${r.message} at ${locate(r.span.file, r.span.start, sources)}`));
  }
  return lines.join('\n');
}

/** `file(line,col)` for an offset, or just `file` when its text is unknown. */
function locate(file: string, offset: number, sources: SourceLookup): string {
  const src = sources(file);
  if (!src) return file;
  const { line, col } = src.lineCol(offset);
  return `${file}(${line},${col})`;
}

/** Longest excerpt shown: a minified or garbage line is cut to a window around the span. */
const MAX_EXCERPT = 160;

/** The source line of `start` and a `~~~` underline of the span (clipped to that line). */
function excerpt(source: SourceFile, start: number, end: number, style: RenderStyle): string[] {
  const { line, col } = source.lineCol(start);
  let text = source.lineText(line);
  const last = source.lineCol(Math.max(start, end));
  let from = col - 1; // 0-based column of the span in `text`
  let to = Math.max(from + 1, last.line === line ? last.col - 1 : text.length);
  if (text.length > MAX_EXCERPT) {
    const left = Math.max(0, Math.min(from - 40, text.length - MAX_EXCERPT));
    const right = Math.min(text.length, left + MAX_EXCERPT);
    const head = left > 0 ? '…' : '';
    text = head + text.slice(left, right) + (right < text.length ? '…' : '');
    from = from - left + head.length;
    to = Math.min(to - left + head.length, text.length);
  }
  // Control characters would garble the terminal; show them as `?`.
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?');
  const width = Math.max(1, to - from);
  return [`  ${text}`, `  ${' '.repeat(from)}${style.underline('~'.repeat(width))}`];
}
