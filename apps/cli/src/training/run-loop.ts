/**
 * The second stage of `seqlab train`: the epoch loop. Checkpoints are written during an
 * epoch (every `--checkpoint-every` steps or minutes) and at its end; Ctrl-C and
 * `--stop-at-step` stop after a step with a checkpoint of exactly that step, from which
 * `--resume` continues as if nothing had happened.
 */
import type { Checkpoint, EpochOutcome } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { optionalWholeNumber } from '../io/numbers.js';
import { saveCheckpoint } from './checkpoints.js';
import { improves } from './metric-direction.js';
import type { Prepared } from './prepare.js';
import { curves, type HistoryLine } from './run-progress-files.js';
import { writeAtomic } from './run-dir.js';
import { epochLine, nonFiniteLoss, nonFiniteOutputs, stopMessage } from './run-messages.js';
import { parseCheckpointEvery, type CheckpointEvery, type TrainOptions } from './train-options.js';
import { createGradWatch, type GradWatch } from './watch-grads.js';

/** How the loop ended: `finished` runs go on to the report; others exit with `exitCode`. */
export interface RunResult {
  readonly finished: boolean;
  readonly exitCode: number;
  readonly checkpoint: Checkpoint;
  readonly history: readonly HistoryLine[];
  readonly watch: GradWatch | null;
  /** Training seconds of the whole run (every process that trained it). */
  readonly seconds: number;
}

type Done = Exclude<EpochOutcome, { kind: 'non-finite' }>;

/** One process's share of a run: from the start checkpoint to the end, a stop or a failure. */
class EpochLoop {
  private checkpoint: Checkpoint;
  private readonly history: HistoryLine[];
  private readonly watch: GradWatch | null;
  private readonly every: CheckpointEvery;
  private readonly stopAt: number | undefined;
  private readonly t0 = performance.now();
  private lastSave = performance.now();
  private interrupted = false;

  constructor(
    private readonly p: Prepared,
    opts: TrainOptions,
  ) {
    this.checkpoint = p.start.checkpoint;
    this.history = [...p.start.history];
    this.every = parseCheckpointEvery(opts.checkpointEvery);
    this.stopAt = optionalWholeNumber('--stop-at-step', opts.stopAtStep, 1);
    this.watch = watchFor(p, opts);
  }

  readonly onSigint = (): void => {
    if (this.interrupted) process.exit(130);
    this.interrupted = true;
    this.p.progress.note('stopping after this step (Ctrl-C again to quit without saving)');
  };

  private atStop(): boolean {
    return this.stopAt !== undefined && this.p.session.stepCount >= this.stopAt;
  }

  /** A time-based checkpoint is due (step-based ones stop the engine exactly: see run). */
  private due(): boolean {
    const e = this.every;
    return e.kind === 'time' && performance.now() - this.lastSave >= e.seconds * 1000;
  }

  private seconds(): number {
    return this.p.start.checkpoint.seconds + (performance.now() - this.t0) / 1000;
  }

  /** Checkpoint the session as it stands, with `extra` (best score after an epoch). */
  private async save(extra: Partial<Checkpoint> = {}): Promise<void> {
    const { session, dir } = this.p;
    const pos = session.position;
    this.checkpoint = {
      ...this.checkpoint,
      epoch: pos.epoch,
      batch: pos.batch,
      step: session.stepCount,
      epochStats: pos.stats,
      seconds: this.seconds(),
      ...extra,
    };
    await saveCheckpoint(dir, session, this.checkpoint, this.history);
    this.lastSave = performance.now();
  }

  private result(finished: boolean, exitCode: number): RunResult {
    const { checkpoint, history, watch } = this;
    return { finished, exitCode, checkpoint, history, watch, seconds: this.seconds() };
  }

  async run(): Promise<RunResult> {
    const { session, progress, epochs } = this.p;
    let barOpen = false;
    while (session.epoch < epochs && !this.interrupted && !this.atStop()) {
      const pos = session.position;
      if (!barOpen) progress.startEpoch(pos.epoch + 1, epochs, session.stepsPerEpoch, pos);
      barOpen = true;
      const outcome = await session.runEpoch({
        onStep: (s) => {
          progress.step(s);
          this.watch?.onStep(s);
        },
        shouldStop: () => this.interrupted || this.due(),
        ...(this.every.kind === 'steps' ? { stopEverySteps: this.every.steps } : {}),
        ...(this.stopAt !== undefined ? { stopAtStep: this.stopAt } : {}),
      });
      if (outcome.kind === 'non-finite') {
        progress.endEpoch(nonFiniteLoss(outcome, this.checkpoint.step, this.p.dir));
        return this.result(false, 1);
      }
      if (outcome.kind === 'stopped') {
        await this.save();
        continue;
      }
      barOpen = false;
      const verdict = await this.endEpoch(outcome);
      if (verdict === 'failed') return this.result(false, 1);
      if (verdict === 'early stop') return this.result(true, 0);
    }
    if (session.epoch >= epochs && !this.interrupted) return this.result(true, 0);
    progress.endEpoch(stopMessage(this.p, this.checkpoint, this.interrupted));
    return this.result(false, this.interrupted ? 130 : 0);
  }

  /** Validate, record and checkpoint a finished epoch. */
  private async endEpoch(outcome: Done): Promise<'go on' | 'early stop' | 'failed'> {
    const { session, progress, metrics, epochs, dir } = this.p;
    // An empty valid split has no metrics: no best epoch, no early stopping (warned at start).
    const hasValid = this.p.what.dataset.splits.valid.length > 0;
    const valid = hasValid
      ? await session.score('valid', metrics)
      : { ok: true as const, metrics: {} };
    if (!valid.ok) {
      progress.endEpoch(nonFiniteOutputs(`after epoch ${outcome.epoch}`, 'valid', valid));
      return 'failed';
    }
    const metric = metrics[0] ?? 'loss';
    const score = valid.metrics[metric] ?? NaN;
    const prior = this.checkpoint;
    const better = hasValid && (prior.best === null || improves(metric, score, prior.best.value));
    this.history.push({
      epoch: outcome.epoch,
      step: session.stepCount,
      train_loss: outcome.trainLoss,
      valid: valid.metrics,
      seconds: outcome.seconds,
      samples_per_second: outcome.samples / outcome.seconds,
      clipped_steps: outcome.clippedSteps,
      max_grad_norm: outcome.maxGradNorm,
    });
    await this.save({
      best: better ? { metric, value: score, epoch: outcome.epoch } : prior.best,
      epochsWithoutImprovement: better ? 0 : prior.epochsWithoutImprovement + 1,
    });
    writeAtomic(dir, 'curves.svg', curves(this.p.what.modelName, this.history, metric));
    const line = epochLine(
      outcome,
      epochs,
      hasValid ? valid.metrics : undefined,
      session.stepsPerEpoch,
      this.p.binding.loss,
    );
    progress.endEpoch(line);
    const patience = this.p.what.spec.earlyStopping;
    if (
      !hasValid ||
      patience === undefined ||
      this.checkpoint.epochsWithoutImprovement < patience
    ) {
      return 'go on';
    }
    progress.note(`early stopping: valid ${metric} has not improved for ${patience} epochs`);
    return 'early stop';
  }
}

/** The --watch-grads watcher: it measures gradients with tfjs, so the tfjs engine only. */
function watchFor(p: Prepared, opts: TrainOptions): GradWatch | null {
  const tfjs = p.session.tfjs;
  if (tfjs === undefined) {
    if (opts.watchGrads !== undefined && opts.watchGrads !== false) {
      throw new UsageError('--watch-grads needs the tfjs engine (leave out --engine torch)');
    }
    return null;
  }
  return createGradWatch(opts.watchGrads, {
    session: tfjs,
    dataset: p.what.dataset,
    binding: p.binding,
    dir: p.dir,
    note: (line) => p.progress.note(line),
  });
}

/** Run epochs until done, stopped or failed; every way out leaves a resumable checkpoint. */
export async function runTraining(p: Prepared, opts: TrainOptions): Promise<RunResult> {
  const loop = new EpochLoop(p, opts);
  process.on('SIGINT', loop.onSigint);
  try {
    return await loop.run();
  } finally {
    process.off('SIGINT', loop.onSigint);
  }
}
