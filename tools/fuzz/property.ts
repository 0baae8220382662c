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

/** How long the slowest entry point took on a case, and which it was. */
export interface CaseTiming {
  readonly ms: number;
  readonly stage: string;
}

/**
 * Run one case through every entry point the CLI and the playground use, each as one
 * command would (`check`, `compile` with extreme `--set` values, `format`); returns the
 * slowest. Any exception is a bug in the compiler.
 */
export function runCase(c: FuzzCase): CaseTiming {
  const host = memoryHost({ ...c.files, 'model.seq': c.text });
  let slowest: CaseTiming = { ms: 0, stage: 'none' };
  const timed = <T>(stage: string, f: () => T): T => {
    const t0 = performance.now();
    const out = f();
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, stage };
    return out;
  };
  const checked = timed('check', () => {
    const r = check(c.text, { file: 'model.seq', host });
    const lookup = (f: string) => r.sources.get(f);
    for (const d of r.diagnostics.slice(0, 60)) renderDiagnostic(d, lookup);
    return r;
  });
  validate('check', checked.diagnostics);
  for (const model of checked.models.slice(0, 3)) {
    // `--set` goes through the same checks: a few extreme overrides.
    const set = { hidden: c.seed % 3 === 0 ? 1e6 : 100000, vocab: 1e23, layers: 1e6 };
    const r = timed('compile', () => compile(c.text, { file: 'model.seq', host, model, set }));
    validate('compile', r.diagnostics);
  }
  validate('format', timed('format', () => format(c.text, 'model.seq')).diagnostics);
  return slowest;
}
