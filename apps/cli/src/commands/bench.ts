/**
 * `seqlab bench FILE`: how fast one model trains and infers on one backend. Median ms per
 * training step (forward, backward, Adam update) and per inference pass over seeded random
 * inputs `[batch, time, ...]`, after warm-up; `--json` for tools/bench.
 */
import type { Command } from 'commander';
import { setupBackend } from '@seqlab/backend-node';
import { MAX_SIZE, type SetValue } from '@seqlab/compiler';
import { analyzeModule } from '@seqlab/ir';
import { benchmarkModel, lowerModule } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { formatTable } from '../output/table.js';
import { benchTorch } from './bench-torch.js';
import { compileFile } from './compile-file.js';
import { MAX_SEED, wholeNumber } from '../io/numbers.js';
import { parseThreads, productMacs, resolveThreads, THREADS_HELP } from '../io/threads-option.js';

interface BenchCliOptions {
  set?: string[];
  model?: string;
  batch: string;
  time: string;
  steps: string;
  warmup: string;
  backend: string;
  threads?: string;
  seed: string;
  json?: boolean;
  stockKernels?: boolean;
  engine?: string;
  nproc?: string;
  device?: string;
  python?: string;
}

/** What `seqlab bench --json` prints (snake_case, like summary.json). */
export interface BenchJson {
  readonly model: string;
  readonly file: string;
  readonly backend: string;
  /** Threads of the products (wasm's threaded build when above 1). */
  readonly threads: number;
  /** `fast`: seqlab's cpu/wasm kernels; `stock`: tfjs's own (`--stock-kernels`). */
  readonly kernels: 'fast' | 'stock';
  /** The loss each step computes: the train block's (cross_entropy without one). */
  readonly loss: 'cross_entropy' | 'mse';
  readonly batch: number;
  readonly time: number;
  readonly steps: number;
  readonly warmup: number;
  readonly params: number;
  readonly compile_ms: number;
  readonly ms_per_step: number;
  readonly infer_ms: number;
  readonly samples_per_s: number;
  readonly step_ms_all: readonly number[];
  readonly infer_ms_all: readonly number[];
  readonly leaked_tensors: number;
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** Register `bench`. */
export function registerBench(program: Command, setExit: (code: number) => void): void {
  program
    .command('bench')
    .description('time training steps and inference of a model on a backend (random inputs)')
    .argument('<file>', '.seq file with a model')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--batch <B>', 'sequences per batch', '32')
    .option('--time <T>', 'steps per sequence', '50')
    .option(
      '--steps <N>',
      'timed training steps (and inference passes); the median is reported',
      '20',
    )
    .option('--warmup <N>', 'untimed steps first (kernel compilation, memory pools)', '5')
    .option('--backend <name>', 'tfjs backend: tfjs-node-gpu, tfjs-node, wasm, cpu or auto', 'auto')
    .option('--threads <n>', THREADS_HELP)
    .option('--seed <n>', 'seed of the weights and random inputs', '0')
    .option('--stock-kernels', "use tfjs's own cpu/wasm kernels instead of seqlab's (to compare)")
    .option(
      '--engine <name>',
      "tfjs (default) or torch: time the torch engine on the train block's data",
    )
    .option('--nproc <n>', 'torch engine: processes (DDP)')
    .option('--device <name>', 'torch engine: auto, cpu or cuda')
    .option('--python <path>', 'torch engine: the Python with torch')
    .option(
      '--json',
      'print JSON: { "ms_per_step", "infer_ms", "backend", "batch", "time", "params", ... }',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab bench examples/bench/lstm.seq
  $ seqlab bench examples/bench/gru.seq --backend cpu --json
  $ seqlab bench examples/bench/rnn.seq --set input_size=32 --set hidden=256 --batch 64 --time 100

A training step is forward, backward and an Adam update of every parameter, with the
loss read back (so the step has really finished), with the train block's loss against
seeded random targets (class ids for cross_entropy, floats for mse; cross_entropy without a
train block).
Inference is one forward pass with its output read back. npm run bench compares engines.`,
    )
    .action(async (file: string, opts: BenchCliOptions) => {
      if (opts.engine === 'torch') setExit(await benchWithTorch(file, opts));
      else if (opts.engine !== undefined && opts.engine !== 'tfjs') {
        throw new UsageError(`--engine ${opts.engine}: choose tfjs (default) or torch`);
      } else await bench(file, opts);
    });
}

/** `--engine torch`: steps of the train block's data on the torch engine. */
function benchWithTorch(file: string, opts: BenchCliOptions): Promise<number> {
  return benchTorch(file, {
    batch: wholeNumber('--batch', opts.batch, 1, MAX_SIZE),
    steps: wholeNumber('--steps', opts.steps, 1, MAX_SIZE),
    warmup: wholeNumber('--warmup', opts.warmup, 0, MAX_SIZE),
    ...(opts.json ? { json: true } : {}),
    train: {
      ...(opts.set ? { set: opts.set } : {}),
      ...(opts.model ? { model: opts.model } : {}),
      ...(opts.nproc ? { nproc: opts.nproc } : {}),
      ...(opts.device ? { device: opts.device } : {}),
      ...(opts.python ? { python: opts.python } : {}),
      seed: opts.seed,
    },
  });
}

async function bench(file: string, opts: BenchCliOptions): Promise<void> {
  const batch = wholeNumber('--batch', opts.batch, 1, MAX_SIZE);
  const time = wholeNumber('--time', opts.time, 1, MAX_SIZE);
  const steps = wholeNumber('--steps', opts.steps, 1, MAX_SIZE);
  const warmup = wholeNumber('--warmup', opts.warmup, 0, MAX_SIZE);
  const seed = wholeNumber('--seed', opts.seed, 0, MAX_SEED);
  const set: Record<string, SetValue> = parseSets(opts.set);
  const t0 = performance.now();
  const { module, result } = compileFile(file, {
    ...(opts.model ? { model: opts.model } : {}),
    set,
  });
  const compileMs = performance.now() - t0;
  const params = analyzeModule(module).totalParams;
  if (params === 0) {
    throw new UsageError(
      `${file}: ${module.model} has no parameters, so a training step has nothing to update; ` +
        'bench times models that train',
    );
  }
  const threads = resolveThreads(parseThreads(opts.threads), productMacs(module, batch));
  const ready = await setupBackend(opts.backend, undefined, { threads });
  if (!ready.ok) throw new UsageError(ready.message);
  const kernels = opts.stockKernels ? 'stock' : 'fast';
  const model = lowerModule(module, { tf: ready.tf, seed, kernels });
  try {
    // The train block's loss decides the targets' kind: an mse model has float outputs.
    const loss = result.train?.loss ?? 'cross_entropy';
    const r = benchmarkModel(model, { batch, time, steps, warmup, seed, loss });
    const json: BenchJson = {
      model: module.model,
      file,
      backend: ready.choice,
      threads: ready.threads,
      kernels,
      loss,
      batch,
      time,
      steps,
      warmup,
      params,
      compile_ms: round(compileMs),
      ms_per_step: round(r.msPerStep),
      infer_ms: round(r.inferMs),
      samples_per_s: round((1000 * batch) / r.msPerStep, 1),
      step_ms_all: r.stepSamples.map((x) => round(x)),
      infer_ms_all: r.inferSamples.map((x) => round(x)),
      leaked_tensors: r.leakedTensors,
    };
    if (opts.json) {
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      return;
    }
    process.stdout.write(
      `${json.model} (${json.params.toLocaleString('en-US')} parameters) on ${json.backend}` +
        `${json.threads > 1 ? ` (${json.threads} threads)` : ''}` +
        `${kernels === 'stock' ? ' (stock tfjs kernels)' : ''}: ` +
        `batch ${batch}, ${time} steps per sequence, median of ${steps} after ${warmup} warm-up\n\n` +
        formatTable(
          ['', 'median ms', 'min ms', 'max ms'],
          [
            ['training step', ...spread(r.msPerStep, r.stepSamples)],
            ['inference', ...spread(r.inferMs, r.inferSamples)],
          ],
          ['left', 'right', 'right', 'right'],
        ) +
        `\n\n${json.samples_per_s.toLocaleString('en-US')} training samples/s; compiled in ${json.compile_ms.toFixed(1)} ms\n`,
    );
  } finally {
    model.dispose();
  }
}

function spread(median: number, xs: readonly number[]): string[] {
  return [median, Math.min(...xs), Math.max(...xs)].map((x) => x.toFixed(2));
}
