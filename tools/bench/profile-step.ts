/**
 * Where a training step's time goes: runs `seqlab bench`'s step under tf.profile and sums
 * kernel time by kernel name.
 * Usage: npx tsx tools/bench/profile-step.ts FILE [backend] [B] [T] [input_size] [hidden]
 */
import { readFileSync } from 'node:fs';
import { setupBackend } from '@seqlab/backend-node';
import { compile } from '@seqlab/compiler';
import { lowerModule, randomFeeds, Trainer } from '@seqlab/tfjs';

const [file = 'examples/bench/lstm.seq', backend = 'wasm', b = '32', t = '50', d, h] =
  process.argv.slice(2);
const set = { ...(d ? { input_size: Number(d) } : {}), ...(h ? { hidden: Number(h) } : {}) };
const result = compile(readFileSync(file, 'utf8'), { file, set });
if (!result.module) throw new Error('compile failed');
const ready = await setupBackend(backend);
if (!ready.ok) throw new Error(ready.message);
const tf = ready.tf;
const model = lowerModule(result.module, { tf, seed: 0 });
const feeds = randomFeeds(tf, model.module, Number(b), Number(t), 0);
const out = model.module.outputs[0]?.name ?? '';
const y = model.forward(feeds)[out];
const targets = tf.zeros(y?.shape.slice(0, -1) ?? [], 'int32');
const trainer = new Trainer(model, {
  loss: 'cross_entropy',
  optimizer: { kind: 'adam', lr: 1e-3 },
  output: out,
});
for (let i = 0; i < 5; i++) trainer.step({ inputs: feeds.inputs, targets });
const plain: number[] = [];
for (let i = 0; i < 3; i++) {
  const s0 = performance.now();
  trainer.step({ inputs: feeds.inputs, targets });
  plain.push(performance.now() - s0);
}
console.log(`unprofiled steps: ${plain.map((x) => x.toFixed(1)).join(', ')} ms`);
const t0 = performance.now();
const info = await tf.profile(() => {
  trainer.step({ inputs: feeds.inputs, targets });
});
const wall = performance.now() - t0;
const byName = new Map<string, { n: number; ms: number }>();
for (const k of info.kernels) {
  const e = byName.get(k.name) ?? { n: 0, ms: 0 };
  e.n += 1;
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  byName.set(k.name, e);
}
const rows = [...byName.entries()].sort((a, c) => c[1].ms - a[1].ms);
let total = 0;
for (const [, e] of rows) total += e.ms;
console.log(
  `${file} on ${backend}: ${info.kernels.length} kernels, kernel time ${total.toFixed(1)} ms, wall (profiled) ${wall.toFixed(1)} ms`,
);
for (const [name, e] of rows.slice(0, 25))
  console.log(`${name.padEnd(24)} ${String(e.n).padStart(5)} ${e.ms.toFixed(2).padStart(9)} ms`);
