/**
 * The last stage of `seqlab train`: score the trained model on train (a sample), valid and
 * test, write summary.json and print the table. A model whose outputs are not finite gets
 * no table and no summary: its accuracy would mean nothing.
 */
import type { Scores } from '@seqlab/tfjs';
import { formatTable } from '../output/table.js';
import type { Prepared } from './prepare.js';
import { formatSeconds } from './progress.js';
import { writeJson } from './run-dir.js';
import { nonFiniteOutputs } from './run-messages.js';
import type { RunResult } from './run-loop.js';

/** Examples of the train split scored for summary.json. */
const TRAIN_EVAL_SAMPLE = 5000;

const SPLITS = ['train', 'valid', 'test'] as const;

/** Final metrics, summary.json and the table; returns the exit code. */
export function reportTraining(p: Prepared, run: RunResult): number {
  const { session, metrics } = p;
  const dataset = p.what.dataset;
  const t0 = performance.now();
  // The train split is scored on a sample: on a large corpus a full pass costs as much as
  // an epoch and says little more than the sample does.
  const trainSample = Math.min(dataset.splits.train.length, TRAIN_EVAL_SAMPLE);
  const scores: Record<(typeof SPLITS)[number], Scores> = {
    train: session.score('train', metrics, trainSample),
    valid: session.score('valid', metrics),
    test: session.score('test', metrics),
  };
  const scored: Record<string, Record<string, number>> = {};
  for (const split of SPLITS) {
    const s = scores[split];
    if (!s.ok) {
      process.stderr.write(nonFiniteOutputs('after training', split, s) + '\n');
      return 1;
    }
    scored[split] = s.metrics;
  }
  const summary = {
    metrics: scored,
    train_metrics_sample: trainSample,
    epochs: session.epoch,
    wall_seconds: run.seconds + (performance.now() - t0) / 1000,
    backend: p.backend,
    params: p.params,
    steps: session.trainer.stepCount,
    clipped_steps: run.history.reduce((n, h) => n + (h.clipped_steps ?? 0), 0),
    max_grad_norm: run.history.reduce((m, h) => Math.max(m, h.max_grad_norm ?? 0), 0),
    best: run.checkpoint.best,
    ...run.watch?.summary(),
  };
  writeJson(p.dir, 'summary.json', summary);
  const names = [...new Set(Object.values(scored).flatMap((m) => Object.keys(m)))];
  const table = formatTable(
    ['split', ...names],
    SPLITS.map((s) => [s, ...names.map((n) => scored[s]?.[n]?.toFixed(4) ?? '')]),
    ['left', ...names.map(() => 'right' as const)],
  );
  process.stdout.write(
    `\n${table}\n\n${summary.epochs} epochs in ${formatSeconds(summary.wall_seconds)} on ${p.backend}; run saved to ${p.dir}\n`,
  );
  if (run.watch) process.stdout.write(run.watch.summaryLine());
  return 0;
}
