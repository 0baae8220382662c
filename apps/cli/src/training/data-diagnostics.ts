/** Printing data errors (which name a data file and line) like compiler diagnostics. */
import { existsSync, readFileSync } from 'node:fs';
import { SourceFile, type Diagnostic } from '@seqlab/diagnostics';
import { renderAll } from '../output/diagnostics.js';
import { diagnosticStyle } from '../output/style.js';

/** Render data diagnostics with the offending line of the data file when it is text. */
export function printDataDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const sources = new Map<string, SourceFile>();
  for (const d of diagnostics) {
    const f = d.span.file;
    if (sources.has(f) || !existsSync(f) || /\.npy$/i.test(f)) continue;
    try {
      sources.set(f, new SourceFile(f, readFileSync(f, 'utf8')));
    } catch {
      // Unreadable as text (binary or bad encoding): the header line alone still says where.
    }
  }
  process.stderr.write(renderAll(diagnostics, sources, diagnosticStyle(process.stderr)) + '\n');
}
