/**
 * The conformance suite on one backend: every case and run of the PyTorch fixtures, with
 * outputs within 1e-5 (absolute for values up to 1, relative above) and gradients within
 * 1e-4 relative to each gradient tensor's largest element.
 */
import { setupBackend } from '@seqlab/backend-node';
import type { Tf } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRun } from './check-case.js';
import { readManifest, runLabel } from './fixtures.js';

/** Output tolerance (see RunResult.outputScaledError). */
export const OUTPUT_TOLERANCE = 1e-5;
/** Gradient tolerance, relative to the largest element of each gradient tensor. */
export const GRADIENT_TOLERANCE = 1e-4;

/** Declares the suite for `backend` ('cpu' or 'wasm'). */
export function conformanceSuite(backend: 'cpu' | 'wasm'): void {
  const manifest = readManifest();
  let tf: Tf;

  beforeAll(async () => {
    const ready = await setupBackend(backend);
    if (!ready.ok) throw new Error(ready.message);
    tf = ready.tf;
  });

  describe(`seqlab on ${backend} computes what PyTorch ${manifest.torch} computes`, () => {
    for (const c of manifest.cases) {
      describe(`${c.name}: ${c.doc}`, () => {
        for (const run of c.runs) {
          it(runLabel(run), () => {
            const r = checkRun(tf, c, run);
            expect(r.outputScaledError, `worst output: ${r.worstOutput}`).toBeLessThanOrEqual(
              OUTPUT_TOLERANCE,
            );
            expect(r.gradError, `worst gradient: ${r.worstGrad}`).toBeLessThanOrEqual(
              GRADIENT_TOLERANCE,
            );
          });
        }
      });
    }
  });
}
