/**
 * Sequences of length one on every lowering path (issue 14 §3): the runs of the PyTorch
 * fixtures at T = 1, B = 1 and lengths of 1 (and every run of `short-windows`), with the
 * recurrences differentiated by tfjs instead of explicit BPTT, and with tfjs's stock kernels
 * instead of seqlab's, on cpu and wasm, within the suite's tolerances of PyTorch. (The
 * default path runs in conformance-cpu/-wasm.)
 */
import { setupBackend } from '@seqlab/backend-node';
import type { Tf } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRun } from './check-case.js';
import { readManifest, type RunEntry } from './fixtures.js';
import { GRADIENT_TOLERANCE, OUTPUT_TOLERANCE } from './suite.js';

/** A run with a sequence of length one: T = 1 somewhere, or a length of 1. */
function hasLengthOne(run: RunEntry): boolean {
  const lengths = Object.values(run.lengths ?? {}).flat();
  return Object.values(run.steps).includes(1) || lengths.includes(1);
}

const manifest = readManifest();
const cases = manifest.cases.map((c) => ({ c, runs: c.runs.filter(hasLengthOne) }));

describe.each(['cpu', 'wasm'] as const)('length one on %s', (backend) => {
  let tf: Tf;
  beforeAll(async () => {
    const ready = await setupBackend(backend);
    if (!ready.ok) throw new Error(ready.message);
    tf = ready.tf;
  });

  it('every case has runs of length one (windows that need more steps: lengths of 1)', () => {
    for (const { c, runs } of cases) expect(runs.length, c.name).toBeGreaterThan(0);
    const atOneStep = cases.filter(({ runs }) => runs.some((r) => r.steps['T'] === 1));
    expect(atOneStep.length).toBeGreaterThanOrEqual(manifest.cases.length - 3);
  });

  describe.each([
    ['autodiff recurrences', { rnnGradient: 'autodiff' as const }],
    ['stock kernels', { kernels: 'stock' as const }],
    ['both', { rnnGradient: 'autodiff' as const, kernels: 'stock' as const }],
  ])('%s', (_label, lowering) => {
    it.each(cases.map(({ c, runs }) => [c.name, c, runs] as const))('%s', (_name, c, runs) => {
      for (const run of runs) {
        const r = checkRun(tf, c, run, lowering);
        const where = `${run.file}: ${r.worstOutput} / ${r.worstGrad}`;
        expect(r.outputScaledError, where).toBeLessThanOrEqual(OUTPUT_TOLERANCE);
        expect(r.gradError, where).toBeLessThanOrEqual(GRADIENT_TOLERANCE);
      }
    });
  });
});
