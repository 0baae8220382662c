/**
 * Kernels of one seqlab training step in headless Chromium, counted by name (`tf.profile`
 * in the bench page): on WebGL every kernel that computes is a draw call, so the count is
 * what bounds a small model there (docs/performance.md).
 *
 * Run: npx tsx tools/bench/browser/profile-cell.ts [rnn|lstm|gru|cnn] [small|large] [webgl|wasm]
 */
import { launchChromium } from '../../../apps/playground/e2e/chromium.js';
import { serveStatic } from '../../../apps/playground/e2e/static-server.js';
import { buildBenchPage } from './build-page.js';
import { SIZES } from './configs.js';
import { BenchPage } from './drive-page.js';
import type { BenchModel, BenchSize, BrowserBackend } from './types.js';

const [model = 'lstm', size = 'small', backend = 'webgl'] = process.argv.slice(2) as [
  BenchModel?,
  BenchSize?,
  BrowserBackend?,
];
const s = SIZES[size];
const built = await buildBenchPage();
const server = await serveStatic(built.dir);
const browser = await launchChromium();
const page = new BenchPage(browser, server.url, backend);
try {
  const info = await page.open();
  const r = await page.run(
    { engine: 'seqlab', model, ...s, steps: 5, warmup: 2, seed: 0, profile: true },
    600_000,
  );
  if (r.error !== undefined) throw new Error(r.error);
  const rows = Object.entries(r.kernels ?? {}).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((n, [, c]) => n + c, 0);
  console.log(`seqlab ${model} ${size} on ${backend} (${info.renderer})`);
  console.log(`${r.msPerStep?.toFixed(1)} ms/step; one step: ${total} kernels`);
  for (const [name, count] of rows) console.log(`${name.padEnd(24)} ${String(count).padStart(6)}`);
} finally {
  await page.close();
  await browser.close().catch(() => undefined);
  await server.close();
  built.dispose();
}
