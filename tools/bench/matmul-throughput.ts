/**
 * How fast can a backend multiply matrices, and how long do the products of one training
 * step of each bench model take there? The second is the floor under any lowering that
 * does the same arithmetic (docs/performance.md, "Where the limits are").
 *
 * Run: npx tsx tools/bench/matmul-throughput.ts [BACKEND...] [--size small|large]...
 *        [--model rnn|lstm|gru|cnn]... [--stock]
 * BACKEND: wasm | cpu (in Node, with seqlab's kernels; `--stock`: tfjs's) or webgl |
 * chromium-wasm (in the headless Chromium bench page). Default: wasm, both sizes, all models.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { setupBackend } from '@seqlab/backend-node';
import { registerFastKernels } from '@seqlab/tfjs';
import { SIZES, type SizeName } from './rows.js';
import { stepMacs, stepProducts, type StepProduct } from './matmul/step-products.js';
import { timeProducts, type ProductShape, type ProductTiming } from './matmul/time-products.js';

type Timer = (shapes: readonly ProductShape[]) => Promise<ProductTiming[]>;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', multiple: true },
    model: { type: 'string', multiple: true },
    stock: { type: 'boolean', default: false },
  },
});
const backends = positionals.length ? positionals : ['wasm'];
const sizes = (values.size ?? ['small', 'large']) as SizeName[];
const models = values.model ?? ['rnn', 'lstm', 'gru', 'cnn'];

/** A timer on a Node backend. */
async function nodeTimer(backend: string, stock: boolean): Promise<Timer> {
  const ready = await setupBackend(backend);
  if (!ready.ok) throw new Error(ready.message);
  if (!stock) registerFastKernels(ready.tf, backend);
  return (shapes) => Promise.resolve(timeProducts(ready.tf, shapes));
}

/** A timer in the Chromium bench page; `close` ends the browser. */
async function browserTimer(backend: 'webgl' | 'wasm') {
  const { openBenchSession } = await import('./browser/bench-session.js');
  const session = await openBenchSession(backend);
  console.log(`(${session.info.renderer})`);
  const timer: Timer = (shapes) => session.page.timeProducts(shapes);
  return { timer, close: () => session.close() };
}

const fmt = (x: number, digits = 2) => x.toFixed(digits).padStart(9);

/**
 * Each backend in a fresh process when several are asked for: timed after another
 * backend's run in the same process (a browser session, large wasm products), the cpu
 * GEMM measured half its speed (83 against 42 ms for the small LSTM's products), which
 * no bench cell, one process per cell, ever sees.
 */
function runEachInChild(): void {
  const flags = process.argv.slice(2).filter((a) => !backends.includes(a));
  for (const backend of backends) {
    const child = [...process.execArgv, process.argv[1] as string, backend, ...flags];
    const r = spawnSync(process.execPath, child, { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}

if (backends.length > 1) runEachInChild();
else await timeBackend(backends[0] as string);

async function timeBackend(backend: string): Promise<void> {
  const where = backend === 'webgl' || backend === 'chromium-wasm' ? 'Chromium' : 'Node';
  console.log(
    `\n## ${backend} (${where}${where === 'Node' && values.stock ? ', stock kernels' : ''})`,
  );
  const { timer, close } =
    where === 'Chromium'
      ? await browserTimer(backend === 'webgl' ? 'webgl' : 'wasm')
      : { timer: await nodeTimer(backend, values.stock), close: async () => undefined };
  try {
    console.log('\nmodel  size   product                                count        ms   GMAC/s');
    for (const size of sizes) {
      const s = SIZES[size];
      for (const model of models) {
        const products: StepProduct[] = stepProducts(model, s);
        const timings = await timer(products.map((p) => p.shape));
        let floor = 0;
        products.forEach((p, i) => {
          const t = timings[i] as ProductTiming;
          floor += p.count * t.ms;
          console.log(
            `${model.padEnd(6)} ${size.padEnd(6)} ${p.shape.label.padEnd(38)} ${String(p.count).padStart(5)} ${fmt(t.ms, 3)} ${fmt(t.gmacs)}`,
          );
        });
        const macs = stepMacs(products);
        console.log(
          `${model.padEnd(6)} ${size.padEnd(6)} ${'= products of one training step'.padEnd(38)} ${''.padStart(5)} ${fmt(floor, 1)} ${fmt(macs / floor / 1e6)}   (${(macs / 1e6).toFixed(0)} M MACs)`,
        );
      }
    }
  } finally {
    await close();
  }
}
