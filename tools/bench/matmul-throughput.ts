/**
 * How fast can a backend multiply matrices? GMAC/s of `tf.matMul` at the shapes the bench
 * models need (the ceiling any lowering on that backend runs into), and the FLOP count of
 * each bench model's training step at both sizes, so the table can say what bounds a step.
 *
 * Run: npx tsx tools/bench/matmul-throughput.ts [wasm|cpu ...]   (default: wasm)
 * Each backend is measured with tfjs's stock kernels, then with seqlab's.
 */
import { setupBackend } from '@seqlab/backend-node';
import { median, registerFastKernels } from '@seqlab/tfjs';

/** [M, K, N]: one product M x K by K x N. */
const SHAPES: readonly (readonly [string, number, number, number])[] = [
  ['lstm small step  [32,64]x[64,256]', 32, 64, 256],
  ['cnn small conv2  [1600,192]x[192,64]', 1600, 192, 64],
  ['cnn large conv2  [6400,768]x[768,256]', 6400, 768, 256],
  ['lstm large step  [64,256]x[256,1024]', 64, 256, 1024],
  ['large square     [1024,1024]x[1024,1024]', 1024, 1024, 1024],
];

for (const backend of process.argv.slice(2).length ? process.argv.slice(2) : ['wasm']) {
  const ready = await setupBackend(backend);
  if (!ready.ok) throw new Error(ready.message);
  const tf = ready.tf;
  for (const kernels of ['stock', 'seqlab']) {
    if (kernels === 'seqlab') registerFastKernels(tf, backend);
    console.log(
      `\n${backend}, ${kernels} kernels: tf.matMul throughput (median of 15 after 3 warm-up)`,
    );
    console.log('shape'.padEnd(44), 'ms'.padStart(9), 'GMAC/s'.padStart(8));
    for (const [label, m, k, n] of SHAPES) {
      const a = tf.randomNormal([m, k]);
      const b = tf.randomNormal([k, n]);
      const times: number[] = [];
      for (let i = 0; i < 18; i++) {
        const t0 = performance.now();
        const c = tf.matMul(a, b);
        c.dataSync();
        if (i >= 3) times.push(performance.now() - t0);
        c.dispose();
      }
      const ms = median(times);
      console.log(
        label.padEnd(44),
        ms.toFixed(3).padStart(9),
        ((m * k * n) / ms / 1e6).toFixed(2).padStart(8),
      );
      tf.dispose([a, b]);
    }
  }
}

/** Multiply-accumulates of one training step (forward + backward) of each bench model. */
function stepMacs(model: string, B: number, T: number, D: number, H: number): number {
  const gates = { rnn: 1, lstm: 4, gru: 3 }[model] ?? 0;
  if (gates > 0) {
    const projection = B * T * D * gates * H; // hoisted W_ih x, once
    const recurrent = B * T * H * gates * H; // W_hh h, per step
    // backward: dW_ih (the input is data: no dX) and, per step, dh and dW_hh
    return 2 * projection + 3 * recurrent;
  }
  const conv1 = B * T * 3 * D * H;
  const conv2 = B * T * 3 * H * H;
  return 2 * conv1 + 3 * conv2; // conv1's input needs no gradient
}
console.log('\nmultiply-accumulates of one training step (forward + backward), millions');
for (const model of ['rnn', 'lstm', 'gru', 'cnn']) {
  const small = stepMacs(model, 32, 50, 8, 64) / 1e6;
  const large = stepMacs(model, 64, 100, 32, 256) / 1e6;
  console.log(
    `${model.padEnd(5)} small ${small.toFixed(1).padStart(8)}   large ${large.toFixed(1).padStart(9)}`,
  );
}
