/**
 * The results tables of docs/long-range.md, from the run directories of run-all.sh: test
 * loss against the memoryless baseline, and the gradient ratio ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ of the
 * recurrent layer (loss on the last step, 8 validation sequences) at initialisation and
 * after training, measured with diagnoseGradients exactly as `seqlab grad RUN --data FILE`.
 *
 * Run: npx tsx tools/long-range/table.ts [OUT_DIR]   (default tmp/long-range)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupBackend } from '@seqlab/backend-node';
import { makeBatches, readDatasetFile } from '@seqlab/data';
import { moduleFromJson } from '@seqlab/ir';
import {
  bindDataset,
  diagnoseGradients,
  disposeBatch,
  loadWeights,
  lowerModule,
  toTrainBatch,
  type CompiledModel,
} from '@seqlab/tfjs';
import { COPY_SYMBOLS } from './tasks.js';

const out = process.argv[2] ?? join('tmp', 'long-range');
const runs = join(out, 'runs');
const ready = await setupBackend('wasm');
if (!ready.ok) throw new Error(ready.message);
const tf = ready.tf;

interface Summary {
  metrics: Record<'train' | 'valid' | 'test', Record<string, number>>;
  wall_seconds: number;
  steps: number;
  clipped_steps: number;
  max_grad_norm: number;
}

const readJson = <T>(dir: string, name: string): T =>
  JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '–'
    : v === 0
      ? '0'
      : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4
        ? v.toExponential(1)
        : v.toFixed(digits);

/** The first recurrent layer's ratio with the given weights (null: init). */
function ratio(model: CompiledModel, dir: string, dataPath: string): number | null {
  const ds = readDatasetFile(dataPath);
  if (!ds.dataset) throw new Error(`${dataPath}: unreadable`);
  const bound = bindDataset(model.module, ds.dataset);
  if (!bound.ok) throw new Error(`${dir}: ${bound.problems.join('; ')}`);
  const first = makeBatches(ds.dataset, 'valid', { batchSize: 8, shuffle: false, seed: 0 })[0];
  if (!first) return null;
  const batch = toTrainBatch(tf, first, bound.binding);
  try {
    const report = diagnoseGradients(model, {
      feeds: { inputs: batch.inputs, ...(batch.lengths ? { lengths: batch.lengths } : {}) },
      loss: {
        kind: 'train',
        loss: bound.binding.loss,
        targets: batch.targets,
        ...(batch.targetLengths ? { targetLengths: batch.targetLengths } : {}),
      },
      output: bound.binding.target.output,
      jacobian: false,
    });
    return report.layers[0]?.ratio ?? null;
  } finally {
    disposeBatch(tf, batch);
  }
}

function ratios(dir: string, dataPath: string, seed: number): [number | null, number | null] {
  const ir = moduleFromJson(readFileSync(join(dir, 'model.ir.json'), 'utf8'));
  if (!ir.ok) throw new Error(`${dir}: ${ir.error}`);
  const init = lowerModule(ir.module, { tf, seed });
  const trained = lowerModule(ir.module, { tf, seed });
  const problems = loadWeights(
    trained,
    new Uint8Array(readFileSync(join(dir, 'weights.safetensors'))),
  );
  if (problems.length) throw new Error(`${dir}: ${problems.join('; ')}`);
  try {
    return [ratio(init, dir, dataPath), ratio(trained, dir, dataPath)];
  } finally {
    init.dispose();
    trained.dispose();
  }
}

console.log(
  '| task | T | cell | test loss | memoryless | test accuracy (chance) | learns? | ratio at init | ratio trained | s |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const task of ['adding', 'copy'] as const) {
  for (const T of [10, 50, 100]) {
    for (const cell of ['rnn', 'lstm', 'gru']) {
      const dir = join(runs, `${task}-${cell}-T${T}`);
      if (!existsSync(join(dir, 'summary.json'))) continue;
      const s = readJson<Summary>(dir, 'summary.json');
      const config = readJson<{ seed: number; data: { ref: { path: string } } }>(
        dir,
        'config.json',
      );
      const loss = s.metrics.test['loss'] ?? NaN;
      const L = COPY_SYMBOLS;
      // Adding: predicting 1 always gives Var(U + U') = 1/6. Copy: blanks right, symbols guessed.
      const chance = task === 'adding' ? 1 / 6 : (L * Math.log(8)) / (2 * L + T);
      const accuracy =
        task === 'copy'
          ? `${fmt(s.metrics.test['token_accuracy'])} (${fmt((L + T + L / 8) / (2 * L + T))})`
          : '';
      const rel = loss / chance;
      const learns = rel < 0.1 ? 'yes' : rel < 0.9 ? 'partly' : 'no (chance)';
      const [r0, r1] = ratios(dir, config.data.ref.path, config.seed);
      console.log(
        `| ${task} | ${T} | ${cell} | ${fmt(loss, 4)} | ${fmt(chance, 4)} | ${accuracy} | ${learns} | ${fmt(r0)} | ${fmt(r1)} | ${Math.round(s.wall_seconds)} |`,
      );
    }
  }
}

console.log(
  '\n| run | clip_norm | tbptt | updates | clipped | max global norm | valid ppl | test ppl | s |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const name of [
  'charrnn',
  'charrnn-clip',
  'charrnn-tbptt25',
  'charrnn-tbptt5',
  'charrnn-sgd',
  'charrnn-sgd-clip',
]) {
  const dir = join(runs, name);
  if (!existsSync(join(dir, 'summary.json'))) continue;
  const s = readJson<Summary>(dir, 'summary.json');
  const c = readJson<{ train: { clipNorm?: number; tbptt?: number } }>(dir, 'config.json');
  console.log(
    `| ${name} | ${c.train.clipNorm ?? '–'} | ${c.train.tbptt ?? '–'} | ${s.steps} | ${s.clipped_steps} | ${fmt(s.max_grad_norm, 2)} | ${fmt(s.metrics.valid['perplexity'], 2)} | ${fmt(s.metrics.test['perplexity'], 2)} | ${Math.round(s.wall_seconds)} |`,
  );
}
