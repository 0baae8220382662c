/**
 * Kernels of one seqlab training step in headless Chromium, counted by name (`tf.profile`
 * in the bench page): on WebGL every kernel that computes is a draw call, so the count is
 * what bounds a small model there (docs/performance.md). The count covers the bench's
 * set-up too: a probe forward pass before the step and one inference pass after it.
 *
 * Run: npx tsx tools/bench/browser/profile-cell.ts [rnn|lstm|gru|cnn] [small|large] [webgl|wasm]
 */
import { withBenchSession } from './bench-session.js';
import { SIZES } from './configs.js';
import type { BenchModel, BenchSize, BrowserBackend } from './types.js';

const [model = 'lstm', size = 'small', backend = 'webgl'] = process.argv.slice(2) as [
  BenchModel?,
  BenchSize?,
  BrowserBackend?,
];
await withBenchSession(backend, async ({ page, info }) => {
  const r = await page.run(
    { engine: 'seqlab', model, ...SIZES[size], steps: 5, warmup: 2, seed: 0, profile: true },
    600_000,
  );
  if (r.error !== undefined) throw new Error(r.error);
  const rows = Object.entries(r.kernels ?? {}).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((n, [, c]) => n + c, 0);
  console.log(`seqlab ${model} ${size} on ${backend} (${info.renderer})`);
  console.log(`${r.msPerStep?.toFixed(1)} ms/step; one step: ${total} kernels`);
  for (const [name, count] of rows) console.log(`${name.padEnd(24)} ${String(count).padStart(6)}`);
});
