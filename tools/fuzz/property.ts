/**
 * The property every fuzz case must keep: whatever the text, `check`, `compile` and `format`
 * return diagnostics (and rendering them works) without throwing.
 */
import { renderDiagnostic, type Diagnostic } from '@seqlab/diagnostics';
import { check, compile, memoryHost } from '@seqlab/compiler';
import { format } from '@seqlab/syntax';
import type { FuzzCase } from './cases.js';

/** Throws (with the stage in the message) when a diagnostic is malformed. */
function validate(stage: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const ok =
      /^SEQ\d{4}$/.test(d.code) &&
      typeof d.message === 'string' &&
      Number.isFinite(d.span.start) &&
      Number.isFinite(d.span.end) &&
      d.span.start <= d.span.end;
    if (!ok) throw new Error(`${stage}: malformed diagnostic ${JSON.stringify(d)}`);
  }
}

/**
 * Run one case through every entry point the CLI and the playground use; returns the number
 * of diagnostics. Any exception is a bug in the compiler.
 */
export function runCase(c: FuzzCase): number {
  const host = memoryHost({ ...c.files, 'model.seq': c.text });
  const checked = check(c.text, { file: 'model.seq', host });
  validate('check', checked.diagnostics);
  const lookup = (f: string) => checked.sources.get(f);
  for (const d of checked.diagnostics.slice(0, 60)) renderDiagnostic(d, lookup);
  for (const model of checked.models.slice(0, 3)) {
    // `--set` goes through the same checks: a few extreme overrides.
    const set = { hidden: c.seed % 3 === 0 ? 1e6 : 100000, vocab: 1e23, layers: 1e6 };
    validate('compile', compile(c.text, { file: 'model.seq', host, model, set }).diagnostics);
  }
  const formatted = format(c.text, 'model.seq');
  validate('format', formatted.diagnostics);
  return checked.diagnostics.length;
}
