/**
 * What seqlab's kernels (packages/tfjs/src/kernels) change: `seqlab bench` of each bench
 * model, small configuration, with tfjs's stock kernels and with ours, on wasm and cpu, each
 * in its own process (kernel registration is process-wide). Prints a markdown table.
 *
 * Run: npx tsx tools/bench/kernel-ablation.ts [--steps N]
 */
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const steps = args[0] === '--steps' ? (args[1] ?? '10') : '10';
const models = ['rnn', 'lstm', 'gru', 'cnn'];

function bench(model: string, backend: string, stock: boolean): number {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      'apps/cli/src/main.ts',
      'bench',
      `examples/bench/${model}.seq`,
      '--backend',
      backend,
      '--steps',
      steps,
      '--warmup',
      '3',
      '--json',
      ...(stock ? ['--stock-kernels'] : []),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return (JSON.parse(out) as { ms_per_step: number }).ms_per_step;
}

console.log(`command: npx tsx tools/bench/kernel-ablation.ts --steps ${steps}\n`);
console.log('| model | backend | stock kernels ms/step | seqlab kernels ms/step | speed-up |');
console.log('|---|---|---:|---:|---:|');
for (const backend of ['wasm', 'cpu']) {
  for (const model of models) {
    const stock = bench(model, backend, true);
    const fast = bench(model, backend, false);
    console.log(
      `| ${model} | ${backend} | ${stock.toFixed(1)} | ${fast.toFixed(1)} | ${(stock / fast).toFixed(2)}x |`,
    );
  }
}
