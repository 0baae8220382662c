/**
 * Compiler diagnostics as editor items: document ranges for the markers and a `line:col`
 * text for the list under the editor, with the CLI's codes and messages. Positions come
 * from the compiler's `SourceFile`, the same conversion `seqlab check` prints.
 */
import type { Diagnostic, Severity, SourceFile } from '@seqlab/diagnostics';

/** One diagnostic placed in the editor's document. */
export interface DiagnosticItem {
  /** Document offsets of the marker (never empty when the document has text). */
  readonly from: number;
  readonly to: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /**
   * The compiler's "did you mean" for an unknown name, when the marker covers exactly that
   * name: the editor offers it as a quick fix that replaces the marked text.
   */
  readonly suggestion?: string;
  /** 1-based position of the start, in the entry file. */
  readonly line: number;
  readonly col: number;
  /** `3:27 error SEQ3002: message` — what the diagnostics list shows. */
  readonly text: string;
}

/** The message's quoted unknown name and its suggestion: "unknown layer `gur`; did you mean `gru`?" */
const DID_YOU_MEAN = /`([^`]+)`.*; did you mean `([^`]+)`\?$/;

/** The fix of `message`, if the document's text at the marker is the name it replaces. */
export function suggestedFix(message: string, marked: string): string | undefined {
  const m = DID_YOU_MEAN.exec(message);
  return m && m[1] === marked ? m[2] : undefined;
}

/**
 * Place `diagnostics` in the document of `file` (length `docLength`). A diagnostic in
 * another file (an import) is shown at the start of the document, its text naming the file.
 */
export function diagnosticItems(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  file: string,
  docLength: number,
  docText = '',
): DiagnosticItem[] {
  const entry = sources.get(file);
  return diagnostics.map((d) => {
    const inEntry = d.span.file === file;
    let from = inEntry ? Math.max(0, Math.min(d.span.start, docLength)) : 0;
    let to = inEntry ? Math.max(from, Math.min(d.span.end, docLength)) : 0;
    // An empty span (e.g. "expected `}`" at end of file) still needs a visible marker.
    if (to === from) {
      if (to < docLength) to = from + 1;
      else if (from > 0) from = to - 1;
    }
    const other = sources.get(d.span.file);
    const at = inEntry
      ? (entry?.lineCol(d.span.start) ?? { line: 1, col: 1 })
      : { line: 1, col: 1 };
    const where = inEntry
      ? `${at.line}:${at.col}`
      : `${d.span.file}:${other ? `${other.lineCol(d.span.start).line}:${other.lineCol(d.span.start).col}` : '1:1'}`;
    const suggestion = inEntry ? suggestedFix(d.message, docText.slice(from, to)) : undefined;
    return {
      from,
      to,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      ...(suggestion !== undefined ? { suggestion } : {}),
      line: at.line,
      col: at.col,
      text: `${where} ${d.severity} ${d.code}: ${d.message}`,
    };
  });
}
