/**
 * The PyTorch conformance fixtures in headless Chromium on webgl and webgpu (issue 16 §2),
 * as conformance-cpu/-wasm run them in Node: one browser launch and one page load per
 * backend (browser/run-browser.ts), the same check per run (check-run.ts), and the same
 * error measures. The tolerance is 1e-4 for outputs and gradients, not Node's 1e-5 for
 * outputs: a GPU's float32 kernels may sum in another order and use approximate
 * transcendentals, so the issue allows GPU float32 1e-4 (measured here on SwiftShader: about
 * 3e-7 for outputs, 1e-6 for gradients; README.md).
 *
 * CI runs a subset (see {@link inCi}): every case at four of its seven runs, and three long
 * runs; 122 runs, 60-115 s on webgl and 22-26 s on webgpu with two cores shared by four
 * jobs. All 202 runs (they all pass) take 2-4 minutes per backend there;
 * `SEQLAB_CONFORMANCE_BROWSER=full` runs them. Fails, never skips, without Chromium.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium, MISSING_CHROMIUM } from '../../apps/playground/e2e/chromium.js';
import { runBrowserConformance, type BrowserConformance } from './browser/run-browser.js';
import { runKey, type BrowserRunResult, type GpuBackend } from './browser/types.js';
import { readManifest, runLabel, type CaseEntry, type RunEntry } from './fixtures.js';

/** Output and gradient tolerance on a GPU (errors as suite.ts defines them). */
const GPU_TOLERANCE = 1e-4;

const FULL = process.env['SEQLAB_CONFORMANCE_BROWSER'] === 'full';

/**
 * Cases whose long (T >= 200) run CI keeps: reductions (sums and means over 200 steps, where
 * a GPU's summation order shows), the tanh rnn (seqlab's webgl cell shaders) and the lstm
 * (the gated cells' shaders over 200 steps). The other long runs take 1-25 s each on
 * SwiftShader, most of it compiling shaders for their shapes, and repeat those paths.
 */
const LONG_RUNS_IN_CI: ReadonlySet<string> = new Set(['reductions', 'rnn-tanh', 'lstm']);

/**
 * The padded batches of several sequences of length one (lengths 1, 1 and 1, 4, 1): the
 * length-one semantics of issue 14, which length-one.test.ts checks on cpu and wasm on every
 * lowering path. On a GPU they repeat the kernels of the mixed batch (lengths 6, 3, 1) at
 * new shapes, and each new shape costs a shader compile on webgl.
 */
function repeatsLengthOne(run: RunEntry): boolean {
  return (
    run.batch > 1 &&
    Object.values(run.lengths ?? {}).some((ls) => ls.filter((l) => l === 1).length > 1)
  );
}

/**
 * Whether CI checks this run in the browser (every run when FULL): the single sequences at
 * T = 1 with and without lengths, the mixed padded batch, the full-length batch, and the
 * long runs of {@link LONG_RUNS_IN_CI}.
 */
function inCi(c: CaseEntry, run: RunEntry): boolean {
  const long = Object.values(run.steps).some((n) => n >= 200);
  if (FULL) return true;
  return long ? LONG_RUNS_IN_CI.has(c.name) : !repeatsLengthOne(run);
}

const manifest = readManifest();
const selected = manifest.cases
  .map((c) => ({ c, runs: c.runs.filter((run) => inCi(c, run)) }))
  .filter(({ runs }) => runs.length > 0);
const keys = selected.flatMap(({ c, runs }) => runs.map((run) => runKey(c.name, run.file)));

/** One line for the log: what ran where, the worst errors, and how long it took. */
function summary(backend: GpuBackend, outcome: BrowserConformance): string {
  const results = outcome.runs.flatMap((r) => (r.result === undefined ? [] : [r.result]));
  const worstOut = Math.max(0, ...results.map((r) => r.outputScaledError));
  const worstGrad = Math.max(0, ...results.map((r) => r.gradError));
  const cases = new Set(outcome.runs.map((r) => r.case)).size;
  const warned = outcome.warnings.length > 0 ? `; warnings: ${outcome.warnings.join(' | ')}` : '';
  return (
    `conformance on ${backend} (${outcome.start.renderer}): ${outcome.runs.length} runs of ` +
    `${cases} cases${FULL ? '' : ' (CI subset)'}, max output error ` +
    `${worstOut.toExponential(1)}, max gradient error ${worstGrad.toExponential(1)}, ` +
    `${(outcome.ms / 1000).toFixed(1)} s${warned}`
  );
}

describe.each(['webgl', 'webgpu'] as const)('PyTorch conformance in Chromium on %s', (backend) => {
  let outcome: BrowserConformance;
  const byKey = new Map<string, BrowserRunResult>();

  beforeAll(async () => {
    if (findChromium() === undefined) throw new Error(MISSING_CHROMIUM);
    outcome = await runBrowserConformance(backend, {
      runs: keys,
      timeoutMs: FULL ? 900_000 : 280_000,
    });
    for (const r of outcome.runs) byKey.set(runKey(r.case, r.file), r);
    console.log(summary(backend, outcome));
  }, 960_000);

  it(`really runs on ${backend}, every selected run, with no page errors`, () => {
    expect(outcome.start.error, outcome.start.error).toBeUndefined();
    expect(outcome.start.backend).toBe(backend);
    expect(outcome.runs.map((r) => runKey(r.case, r.file))).toEqual(keys);
    expect(outcome.pageErrors).toEqual([]);
  });

  for (const { c, runs } of selected) {
    describe(`${c.name}: ${c.doc}`, () => {
      for (const run of runs) {
        it(runLabel(run), () => {
          const got = byKey.get(runKey(c.name, run.file));
          const where = `${backend} ${c.name} ${run.file} (${runLabel(run)})`;
          expect(got, `${where}: no result`).toBeDefined();
          expect(got?.error, `${where}: ${got?.error}`).toBeUndefined();
          const r = got?.result;
          expect(
            r?.outputScaledError,
            `${where}: output ${r?.worstOutput} error ${r?.outputScaledError}`,
          ).toBeLessThanOrEqual(GPU_TOLERANCE);
          expect(
            r?.gradError,
            `${where}: gradient ${r?.worstGrad} error ${r?.gradError}`,
          ).toBeLessThanOrEqual(GPU_TOLERANCE);
        });
      }
    });
  }
});
