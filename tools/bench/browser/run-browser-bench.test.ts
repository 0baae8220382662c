/**
 * The browser bench end to end, tiny: build the page, serve it, drive Debian's Chromium on
 * wasm, webgl and webgpu. Fails (never skips) without Chromium: CI installs it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium, MISSING_CHROMIUM } from '../../../apps/playground/e2e/chromium.js';
import { runBrowserBench } from './run-browser-bench.js';
import { withBenchSession } from './bench-session.js';

const TINY = { batch: 2, time: 3, steps: 1, warmup: 0 };

describe('runBrowserBench (headless Chromium)', () => {
  beforeAll(() => {
    if (findChromium() === undefined) throw new Error(MISSING_CHROMIUM);
  });

  it('times seqlab on wasm, webgl and webgpu and names the renderer', async () => {
    const rows = await runBrowserBench({
      models: ['rnn'],
      sizes: ['small'],
      backends: ['wasm', 'webgl', 'webgpu'],
      engines: ['seqlab'],
      overrides: TINY,
    });
    expect(rows.map((r) => `${r.engine}/${r.backend}/${r.model}`)).toEqual([
      'seqlab/wasm/rnn',
      'seqlab/webgl/rnn',
      'seqlab/webgpu/rnn',
    ]);
    for (const r of rows) {
      expect(r.error, `${r.backend}: ${r.error}`).toBeUndefined();
      expect(r.ms_per_step).toBeGreaterThan(0);
      expect(r.infer_ms).toBeGreaterThan(0);
    }
    // The flags force software GL: the table must be able to say so.
    expect(rows[1]?.renderer).toMatch(/SwiftShader/);
    expect(rows[0]?.renderer).toMatch(/^WebAssembly/);
    // WebGPU on SwiftShader's adapter: a page that fell back to webgl would be an error row.
    expect(rows[2]?.renderer).toMatch(/^WebGPU: .*swiftshader/i);
  });

  it('turns a failing cell into an error row', async () => {
    // tfjs 4.22's wasm backend has no Conv2DBackpropFilter: the layers conv1d cannot train.
    const rows = await runBrowserBench({
      models: ['cnn'],
      sizes: ['small'],
      backends: ['wasm'],
      engines: ['tfjs-layers'],
      overrides: TINY,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.error).toMatch(/Conv2DBackpropFilter/);
    expect(rows[0]?.ms_per_step).toBeUndefined();
  });

  it("seqlab's webgl shaders agree with their references of tfjs ops; products can be timed", async () => {
    await withBenchSession('webgl', async ({ page, info }) => {
      expect(info.renderer).toMatch(/SwiftShader/);
      const rows = await page.checkKernels();
      // Six cell kernels (rnn, lstm, gru; forward and backward) and Adam, at four shapes each.
      expect(rows).toHaveLength(28);
      for (const r of rows) expect(r.error, `${r.kernel} ${r.shape}`).toBeLessThan(1e-5);
      const shape = { label: 'tiny', m: 4, k: 6, n: 8, transposeA: true };
      const [timing] = await page.timeProducts([shape]);
      expect(timing?.label).toBe('tiny');
      expect(timing?.ms).toBeGreaterThan(0);
    });
  });
});
