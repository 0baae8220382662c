/**
 * The tfjs-layers peer of `npm run bench`: the hand-written tf.sequential model a tfjs user
 * would write for each bench model, timed on one backend. One JSON line per cell on stdout
 * (see peer-json.ts); a model that cannot train on the backend prints a line with `error`.
 *
 * Run: npx tsx tools/bench/peers/tfjs-layers-bench.ts --backend wasm|cpu
 *        [--models rnn,lstm,gru,cnn] [--sizes small,large] [--steps N] [--warmup N]
 *        [--batch B] [--time T] [--input D] [--hidden H]   (the last four override sizes)
 */
import { parseArgs } from 'node:util';
import { setupBackend } from '@seqlab/backend-node';
import * as layers from '@tensorflow/tfjs-layers';
import {
  BENCH_MODELS,
  DEFAULT_PLANS,
  SIZE_NAMES,
  SIZES,
  type BenchModel,
  type SizeName,
} from '../rows.js';
import { benchLayersCell } from './tfjs-layers-peer.js';

function list<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').filter((s) => s !== '');
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0) fail(`${flag}: unknown ${bad.join(', ')}; choose from ${allowed.join(', ')}`);
  return items as T[];
}

function whole(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${flag} ${value}: give a whole number`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`tfjs-layers-bench: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    models: { type: 'string', default: BENCH_MODELS.join(',') },
    sizes: { type: 'string', default: SIZE_NAMES.join(',') },
    steps: { type: 'string' },
    warmup: { type: 'string' },
    batch: { type: 'string' },
    time: { type: 'string' },
    input: { type: 'string' },
    hidden: { type: 'string' },
  },
});
const models: BenchModel[] = list('--models', values.models, BENCH_MODELS);
const sizes: SizeName[] = list('--sizes', values.sizes, SIZE_NAMES);
const steps = whole('--steps', values.steps);
const warmup = whole('--warmup', values.warmup);
const override = {
  batch: whole('--batch', values.batch),
  time: whole('--time', values.time),
  input: whole('--input', values.input),
  hidden: whole('--hidden', values.hidden),
};

const ready = await setupBackend(values.backend);
if (!ready.ok) fail(ready.message);
for (const size of sizes) {
  const base = SIZES[size];
  const config = {
    batch: override.batch ?? base.batch,
    time: override.time ?? base.time,
    input: override.input ?? base.input,
    hidden: override.hidden ?? base.hidden,
  };
  const plan = {
    steps: steps ?? DEFAULT_PLANS[size].steps,
    warmup: warmup ?? DEFAULT_PLANS[size].warmup,
  };
  for (const model of models) {
    const line = await benchLayersCell(ready.tf, layers, ready.choice, {
      model,
      size,
      config,
      plan,
    });
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
