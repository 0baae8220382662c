/**
 * End-to-end, issue 16 §2: WebGPU first, WebGL as the fallback. Chromium launched with the
 * WebGPU switches (SwiftShader's adapter) makes the training worker pick webgpu, and names
 * trains there with a falling loss, the gradient heatmap filling in, Try predicting and the
 * downloaded run naming webgpu; launched without them, the page and the worker both find
 * no adapter, webgl trains, and the status bar says why webgpu was not used; launched with
 * the adapter but not SwiftShader Vulkan (where tfjs's synchronous reads give zeros), the
 * worker's read-back check keeps training off the broken webgpu. The long
 * training checks on webgl are playground.e2e.ts's; these stay short (CI has two cores).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WEBGPU_ARGS } from './chromium.js';
import {
  backendNote,
  lossHistory,
  mean,
  pageHasWebgpuAdapter,
  PATIENCE,
  SHOTS_DIR,
  startedBackend,
  useBuiltPlayground,
  useChromium,
  withPage,
} from './e2e-page.js';

/** Each describe launches its own browser, with or without the WebGPU switches. */
const playground = useBuiltPlayground(false);

/** Choose the names example, open Train and start training. */
async function startNames(page: Page): Promise<void> {
  await page.getByTestId('example-select').selectOption({ label: 'names' });
  await page.locator('[data-tab="train"]').click();
  await page.getByTestId('train-button').click();
}

/**
 * Wait until `steps` losses are on the chart, then stop; the losses (logged, with the
 * status bar saved as `statusbar-NAME.png`, for the record). WebGPU on SwiftShader steps
 * about half as fast as WebGL here, so the hang guard is doubled.
 */
async function trainSteps(page: Page, steps: number, name: string): Promise<number[]> {
  await expect
    .poll(async () => (await lossHistory(page)).length, { timeout: 2 * PATIENCE, interval: 500 })
    .toBeGreaterThanOrEqual(steps);
  await page.getByTestId('stop-button').click();
  await expect.poll(() => page.locator('.stats').textContent()).toMatch(/^stopped/);
  const losses = await lossHistory(page);
  const [first, last] = [losses[0] ?? NaN, losses[losses.length - 1] ?? NaN];
  console.log(`${name}: ${losses.length} steps, loss ${first.toFixed(3)} → ${last.toFixed(3)}`);
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.locator('.statusbar').screenshot({ path: join(SHOTS_DIR, `statusbar-${name}.png`) });
  return losses;
}

/** The downloaded run zip (stored, not deflated: its JSON files are readable as text). */
async function downloadRun(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: PATIENCE }),
    page.getByRole('button', { name: 'Download run' }).click(),
  ]);
  return readFileSync(await download.path()).toString('latin1');
}

describe('launched with the WebGPU switches', () => {
  const chromium = useChromium({ webgpu: true });

  it('trains names on webgpu: falling loss, heatmap, Try, and a run that says webgpu', async () => {
    await withPage(chromium.browser, playground.url, 'webgpu-train', async (page) => {
      // The page sees the adapter the worker trains on, and nothing was passed over.
      expect(await pageHasWebgpuAdapter(page)).toBe(true);
      expect(await startedBackend(page)).toBe('webgpu');
      expect(await backendNote(page)).toBe('');
      expect(await page.getByTestId('backend').getAttribute('class')).toContain('good');
      await startNames(page);
      const losses = await trainSteps(page, 12, 'webgpu');
      expect(losses.every(Number.isFinite)).toBe(true);
      // About ln 2 at first (two classes): a broken read-back gives zeros instead.
      expect(losses[0]).toBeGreaterThan(0.5);
      // Noisy per batch: the mean of the last five against the first five (seed 1: the same
      // batches, and the same losses to three places, as on webgl).
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.03);
      // The gradient heatmap was measured on webgpu too (names has a GRU).
      const card = page.getByTestId('grad-heatmap');
      expect(Number(await card.getAttribute('data-columns'))).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('grad-verdict').textContent()).toMatch(
        /^(vanishing|exploding|healthy)/,
      );
      // The run the worker trained names the backend the status bar shows.
      expect(await downloadRun(page)).toMatch(/"backend": "webgpu"/);
      await page.locator('[data-tab="try"]').click();
      await page.locator('.try-input').fill('maria');
      await page.locator('.try-input').press('Enter');
      await expect
        .poll(() => page.getByTestId('try-output').textContent(), { timeout: PATIENCE })
        .toMatch(/female[\d.]+%male[\d.]+%|male[\d.]+%female[\d.]+%/);
    });
  });

  it('still honours ?backend=webgl, without a note', async () => {
    await withPage(
      chromium.browser,
      `${playground.url}?backend=webgl`,
      'webgpu-asked-webgl',
      async (page) => {
        expect(await startedBackend(page)).toBe('webgl');
        expect(await backendNote(page)).toBe('');
      },
    );
  });
});

describe('launched without them', () => {
  const chromium = useChromium();

  it('falls back to webgl, says why, and trains', async () => {
    await withPage(chromium.browser, playground.url, 'webgpu-fallback', async (page) => {
      // navigator.gpu exists without the switches but gives no adapter, on the page as in
      // the worker: the note names that reason and the GPU backend used instead.
      expect(await pageHasWebgpuAdapter(page)).toBe(false);
      expect(await startedBackend(page)).toBe('webgl');
      expect(await backendNote(page)).toBe('ℹ webgpu unavailable: no adapter, using webgl');
      expect(await page.getByTestId('backend').getAttribute('class')).toContain('good');
      await startNames(page);
      const losses = await trainSteps(page, 5, 'webgl-fallback');
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses[0]).toBeGreaterThan(0.5);
    });
  });
});

describe('launched with the adapter but without SwiftShader Vulkan', () => {
  // The two switches: an adapter, but (Chromium 156 here) synchronous reads of
  // computed results give zeros.
  const chromium = useChromium({ extraArgs: WEBGPU_ARGS.slice(0, 2) });

  it('never trains on a webgpu whose results do not read back', async () => {
    await withPage(chromium.browser, playground.url, 'webgpu-partial', async (page) => {
      expect(await pageHasWebgpuAdapter(page)).toBe(true);
      const backend = await startedBackend(page);
      const note = await backendNote(page);
      // Where a later Chromium reads back correctly, webgpu is right; here the check fails.
      const webgpuWorks = backend === 'webgpu' && note === '';
      const fellBack =
        backend === 'webgl' && /^ℹ webgpu failed: read-back check .*, using webgl$/.test(note);
      expect({ backend, note, ok: webgpuWorks || fellBack }).toMatchObject({ ok: true });
      if (webgpuWorks) {
        // Then it must really compute: a broken read-back shows as a loss of about 0.
        await startNames(page);
        expect((await trainSteps(page, 3, 'webgpu-partial'))[0]).toBeGreaterThan(0.5);
      }
    });
  });
});
