/**
 * Whole training runs (issue 17 §1): `seqlab train` as users run it, beside the same model,
 * data, batch order and epochs in a plain PyTorch loop. The PyTorch loop is seqlab's torch
 * engine with one process (no DDP): it trains the PyTorch export of the model on the
 * batches seqlab's readers made, so the two columns differ only in the engine. Also
 * `train` time per step beside `bench` time per step for the bench models, on generated
 * data of the bench's small shapes: what everything around the step costs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy, mulberry32 } from '@seqlab/data';
import { childFailure, runChild } from './child.js';
import type { RunContext } from './engines.js';
import { SIZES, type BenchModel } from './rows.js';

/** A `seqlab train` whole-run case. */
export interface WholeRunCase {
  readonly label: string;
  readonly file: string;
  readonly epochs: number;
}

/** The cases of a full run: the README's first model and a real float-series regression. */
export const WHOLE_RUN_CASES: readonly WholeRunCase[] = [
  { label: 'names', file: 'examples/names.seq', epochs: 10 },
  { label: 'seattle-temp (regression)', file: 'examples/real/seattle-temp.seq', epochs: 10 },
];

/** Which engine trained a whole run. */
export type WholeRunEngine = 'seqlab wasm' | 'pytorch loop';

/** What one finished run's files and process say. */
export interface RunTimes {
  /** Training seconds of each epoch (metrics.jsonl `seconds`: the steps, not validation). */
  readonly epochSeconds: readonly number[];
  /** Steps of each epoch. */
  readonly epochSteps: readonly number[];
  /** The process's wall time: start-up, data, every epoch, evaluation, files. */
  readonly wallSeconds: number;
  /** The first metric of the test split, named. */
  readonly test: { readonly name: string; readonly value: number } | undefined;
}

/** One whole-run row. */
export type WholeRunRow = { readonly label: string; readonly engine: WholeRunEngine } & (
  ({ readonly status: 'ok' } & RunTimes) | { readonly status: 'error'; readonly message: string }
);

/** The `seqlab train` command line of a run into `out`. */
export function trainArgs(
  ctx: Pick<RunContext, 'cli' | 'python'>,
  file: string,
  engine: WholeRunEngine,
  out: string,
  extra: readonly string[],
): string[] {
  const cli =
    ctx.cli === 'src' ? ['--import', 'tsx', 'apps/cli/src/main.ts'] : ['apps/cli/dist/seqlab.js'];
  const how =
    engine === 'seqlab wasm'
      ? ['--backend', 'wasm']
      : ['--engine', 'torch', '--nproc', '1', '--device', 'cpu', '--python', ctx.python];
  return [...cli, 'train', file, ...how, '--out', out, ...extra];
}

/** Reads a finished run directory: epoch times from metrics.jsonl, the test metric from summary.json. */
export function readRunTimes(dir: string, wallSeconds: number): RunTimes {
  const epochs = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { step: number; seconds: number });
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
    metrics?: { test?: Record<string, number> };
  };
  const test =
    Object.entries(summary.metrics?.test ?? {}).find(([k]) => k !== 'loss') ??
    Object.entries(summary.metrics?.test ?? {})[0];
  return {
    epochSeconds: epochs.map((e) => e.seconds),
    epochSteps: epochs.map((e, i) => e.step - (epochs[i - 1]?.step ?? 0)),
    wallSeconds,
    test: test ? { name: test[0], value: test[1] } : undefined,
  };
}

/** Trains `file` on `engine` in a child process and reads back its times. */
export async function trainOnce(
  ctx: RunContext,
  file: string,
  engine: WholeRunEngine,
  extra: readonly string[],
): Promise<RunTimes | string> {
  const out = mkdtempSync(join(tmpdir(), 'seqlab-bench-run-'));
  try {
    const r = await runChild(
      process.execPath,
      trainArgs(ctx, file, engine, join(out, 'run'), extra),
      {
        cwd: ctx.root,
        timeoutMs: ctx.timeoutMs,
      },
    );
    if (r.code !== 0) return childFailure(r, ctx.timeoutMs);
    return readRunTimes(join(out, 'run'), r.ms / 1000);
  } catch (e) {
    return `unreadable run: ${(e as Error).message}`;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs every whole-run case on seqlab and, when torch is here, on the PyTorch loop. */
export async function runWholeRuns(
  ctx: RunContext,
  opts: { readonly torch: boolean; readonly quick: boolean },
  log: (line: string) => void,
  cases: readonly WholeRunCase[] = WHOLE_RUN_CASES,
): Promise<WholeRunRow[]> {
  const engines: WholeRunEngine[] = opts.torch ? ['seqlab wasm', 'pytorch loop'] : ['seqlab wasm'];
  const rows: WholeRunRow[] = [];
  for (const c of cases) {
    const epochs = opts.quick ? 2 : c.epochs;
    for (const engine of engines) {
      const got = await trainOnce(ctx, c.file, engine, ['--epochs', String(epochs)]);
      const row: WholeRunRow =
        typeof got === 'string'
          ? { label: c.label, engine, status: 'error', message: got }
          : { label: c.label, engine, status: 'ok', ...got };
      log(
        `whole run ${c.label} ${engine}: ${row.status === 'ok' ? `${row.wallSeconds.toFixed(1)} s` : row.message}`,
      );
      rows.push(row);
    }
  }
  return rows;
}

/** Writes random `[n, T, D]` float inputs and class ids 0..3 of the bench's small shapes. */
export function writeBenchData(dir: string, n: number): string {
  const { time, input } = SIZES.small;
  const random = mulberry32(17);
  const x = new Float32Array(n * time * input).map(() => random() * 2 - 1);
  const y = Array.from({ length: n }, () => Math.floor(random() * 4));
  writeFileSync(join(dir, 'X.npy'), encodeNpy('float32', [n, time, input], x));
  writeFileSync(join(dir, 'y.npy'), encodeNpy('int64', [n], y));
  return join(dir, 'X.npy');
}

/** One bench model trained by `seqlab train` on generated data of the small shapes. */
export interface TrainStepRow {
  readonly model: BenchModel;
  /** Median ms per step of the epochs after the first (which compiles kernels). */
  readonly trainMs: number | undefined;
  readonly message?: string;
}

/** `seqlab train` per-step times of the bench models, small configuration, wasm. */
export async function runTrainSteps(
  ctx: RunContext,
  models: readonly BenchModel[],
  log: (line: string) => void,
): Promise<TrainStepRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-bench-data-'));
  const { batch } = SIZES.small;
  try {
    // 30 batches: 24 train after the 10 % valid and test splits.
    const data = writeBenchData(dir, batch * 30);
    const rows: TrainStepRow[] = [];
    for (const model of models) {
      const extra = ['--data', data, '--batch', String(batch), '--epochs', '4'];
      const got = await trainOnce(ctx, `examples/bench/${model}.seq`, 'seqlab wasm', extra);
      const row: TrainStepRow =
        typeof got === 'string'
          ? { model, trainMs: undefined, message: got }
          : { model, trainMs: medianMsPerStep(got) };
      log(`train step ${model}: ${row.trainMs?.toFixed(1) ?? row.message} ms`);
      rows.push(row);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median over epochs after the first of an epoch's seconds per step, in ms. */
export function medianMsPerStep(t: RunTimes): number {
  const per = t.epochSeconds
    .map((s, i) => (s * 1000) / (t.epochSteps[i] ?? 1))
    .slice(t.epochSeconds.length > 1 ? 1 : 0);
  return median(per);
}

/** The median of a non-empty list (mean of the middle two when even). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}
