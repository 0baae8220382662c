/**
 * `seqlab bench FILE --engine torch`: how fast the torch engine trains this model. The
 * engine trains on data, so it times steps of the train block's data (the first batches of
 * epoch 1, in seqlab's order) rather than random inputs; each step is one global batch
 * over all --nproc processes, timed by rank 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '@seqlab/tfjs';
import { formatTable } from '../output/table.js';
import { prepareTraining } from '../training/prepare.js';
import type { TrainOptions } from '../training/train-options.js';

/** The flags bench passes on. */
export interface TorchBenchOptions {
  readonly batch: number;
  readonly steps: number;
  readonly warmup: number;
  readonly json?: boolean;
  readonly train: TrainOptions;
}

/** Time `steps` training steps after `warmup`; returns the exit code. */
export async function benchTorch(file: string, o: TorchBenchOptions): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'seqlab-bench-'));
  try {
    const prepared = await prepareTraining(file, {
      ...o.train,
      engine: 'torch',
      batch: String(o.batch),
      out: join(tmp, 'run'),
      force: true,
    });
    if (typeof prepared === 'number') return prepared;
    const { session } = prepared;
    const times: number[] = [];
    try {
      // Each step as rank 0 timed it (batch assembly, forward, backward, all-reduce, update).
      await session.runEpoch({
        stopAtStep: o.warmup + o.steps,
        onStep: (s) => {
          if (s.step > o.warmup && s.seconds !== undefined) times.push(1000 * s.seconds);
        },
      });
      report(prepared.what.modelName, session.info(), o, times);
      return times.length > 0 ? 0 : 1;
    } finally {
      await session.dispose();
      prepared.release();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function report(
  model: string,
  info: Record<string, unknown>,
  o: TorchBenchOptions,
  times: readonly number[],
): void {
  const ms = median(times);
  const json = {
    model,
    engine: 'torch',
    ...info,
    batch: o.batch,
    steps: times.length,
    warmup: o.warmup,
    ms_per_step: Number(ms.toFixed(3)),
    samples_per_s: Number(((1000 * o.batch) / ms).toFixed(1)),
    step_ms_all: times.map((t) => Number(t.toFixed(3))),
  };
  if (o.json) {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const cells = [ms, Math.min(...times), Math.max(...times)].map((x) => x.toFixed(2));
  process.stdout.write(
    `${model} on the torch engine (${String(info['nproc'])} process(es), ${String(info['device'])}): ` +
      `batch ${o.batch} of the train block's data, median of ${times.length} steps after ${o.warmup} warm-up\n\n` +
      formatTable(
        ['', 'median ms', 'min ms', 'max ms'],
        [['training step', ...cells]],
        ['left', 'right', 'right', 'right'],
      ) +
      `\n\n${json.samples_per_s.toLocaleString('en-US')} training samples/s\n`,
  );
}
