/**
 * The last stage of `seqlab train`: score the trained model on train (a sample), valid and
 * test, write summary.json and print the table. A model whose outputs are not finite gets
 * no table and no summary: its accuracy would mean nothing.
 */
import { formatTable } from '../output/table.js';
import { baselines, type Baseline } from './baseline.js';
import type { Prepared } from './prepare.js';
import type { SplitName } from '@seqlab/data';
import type { MetricName, Scores } from '@seqlab/tfjs';
import type { EngineSession } from './engine-session.js';
import { formatSeconds, passProgress, type PassProgress } from './progress.js';
import { writeJson } from './run-dir.js';
import { metricColumns, metricLabel, nonFiniteOutputs } from './run-messages.js';
import { scoreWithProgress } from './score-pass.js';
import type { RunResult } from './run-loop.js';

/** Examples of the train split scored for summary.json. */
const TRAIN_EVAL_SAMPLE = 5000;

const SPLITS = ['train', 'valid', 'test'] as const;

/** Final metrics, summary.json and the table; returns the exit code. */
export async function reportTraining(p: Prepared, run: RunResult): Promise<number> {
  const { session, metrics } = p;
  const dataset = p.what.dataset;
  const t0 = performance.now();
  // The train split is scored on a sample: on a large corpus a full pass costs as much as
  // an epoch and says little more than the sample does.
  const trainSample = Math.min(dataset.splits.train.length, TRAIN_EVAL_SAMPLE);
  const scored: Record<string, Record<string, number>> = {};
  // An empty split is skipped (warned about at the start), never a row of NaN.
  const present = SPLITS.filter((s) => dataset.splits[s].length > 0);
  for (const split of present) {
    const most = split === 'train' ? trainSample : Infinity;
    // In this process (tfjs) the pass shows a bar on a terminal, as training does.
    const s = session.tfjs
      ? scoreWithProgress(session.tfjs, p.binding, split, metrics, most)
      : await scoreRemote(session, split, metrics, most);
    if (!s.ok) {
      process.stderr.write(nonFiniteOutputs('after training', split, s) + '\n');
      return 1;
    }
    scored[split] = s.metrics;
  }
  const base = baselines(dataset, p.binding);
  const summary = {
    metrics: scored,
    loss: p.binding.loss,
    ...(present.length < SPLITS.length
      ? { empty_splits: SPLITS.filter((s) => !present.includes(s)) }
      : {}),
    baselines: base,
    train_metrics_sample: trainSample,
    epochs: session.epoch,
    wall_seconds: run.seconds + (performance.now() - t0) / 1000,
    backend: p.backend,
    ...session.info(),
    params: p.params,
    steps: session.stepCount,
    clipped_steps: run.history.reduce((n, h) => n + (h.clipped_steps ?? 0), 0),
    max_grad_norm: run.history.reduce((m, h) => Math.max(m, h.max_grad_norm ?? 0), 0),
    best: run.checkpoint.best,
    ...run.watch?.summary(),
  };
  writeJson(p.dir, 'summary.json', summary);
  process.stdout.write(
    `\n${resultTable(scored, base, p.binding.loss)}\n\n${summary.epochs} epochs in ${formatSeconds(summary.wall_seconds)} on ${p.backend}; run saved to ${p.dir}\n`,
  );
  if (run.watch) process.stdout.write(run.watch.summaryLine());
  return 0;
}

/** Score on an engine in other processes, with the same bar as in this process. */
async function scoreRemote(
  session: EngineSession,
  split: SplitName,
  metrics: readonly MetricName[],
  most: number,
): Promise<Scores> {
  let bar: PassProgress | null = null;
  try {
    return await session.score(split, metrics, most, (done, total) => {
      bar ??= passProgress(split, total);
      bar.tick(done);
    });
  } finally {
    (bar as PassProgress | null)?.stop();
  }
}

/** The final table: a row per split with examples, then the baselines on test. */
function resultTable(
  scored: Record<string, Record<string, number>>,
  base: readonly Baseline[],
  loss: string,
): string {
  const all = [...new Set(Object.values(scored).flatMap((m) => Object.keys(m)))];
  const names = metricColumns(all, loss);
  const cell = (m: Record<string, number> | undefined, n: string): string => {
    const v = m?.[n];
    return v === undefined || Number.isNaN(v) ? '-' : v.toFixed(4);
  };
  const rows = [
    ...Object.entries(scored).map(([split, m]) => [split, ...names.map((n) => cell(m, n))]),
    ...base.map((b) => [`${b.split}: ${b.name}`, ...names.map((n) => cell(b.metrics, n))]),
  ];
  return formatTable(['split', ...names.map((n) => metricLabel(n, loss))], rows, [
    'left',
    ...names.map(() => 'right' as const),
  ]);
}
