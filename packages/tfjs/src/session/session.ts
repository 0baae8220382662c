/**
 * A training session: one compiled model, its trainer, and a bound data set, run an epoch
 * at a time. Shared by the CLI (progress bar, run directory) and the playground (charts);
 * both drive it through hooks and own everything else.
 */
import { makeBatches, type Batch, type SequenceDataset, type SplitName } from '@seqlab/data';
import type { IrModule } from '@seqlab/ir';
import { lowerModule } from '../lower/lower-module.js';
import type { MetricName, Scores } from '../train/metrics.js';
import { Trainer } from '../train/trainer.js';
import type { TrainBatch, TrainConfig } from '../train/types.js';
import type { CompiledModel, Tf } from '../types.js';
import type { DataBinding } from './binding.js';
import { disposeBatch } from '../train/tbptt.js';
import { toTrainBatch } from './batches.js';

/** What a session needs. */
export interface SessionOptions {
  readonly module: IrModule;
  readonly dataset: SequenceDataset;
  readonly binding: DataBinding;
  readonly tf: Tf;
  /** Seeds weights, dropout and the data order of every epoch. */
  readonly seed: number;
  readonly batchSize: number;
  /** Everything but the loss, which the binding decides. */
  readonly train: Omit<TrainConfig, 'loss' | 'output' | 'seed'>;
  /** Metrics for evaluation (loss is always reported). */
  readonly metrics: readonly MetricName[];
}

/** One optimisation step, as seen by a progress display. */
export interface StepInfo {
  readonly epoch: number;
  /** 1-based index of the batch within the epoch. */
  readonly batch: number;
  readonly batches: number;
  readonly step: number;
  readonly loss: number;
  readonly gradNorm: number;
  readonly clipped: boolean;
  readonly lr: number;
  /** Examples seen so far in this epoch. */
  readonly samples: number;
}

/** Hooks of {@link TrainingSession.runEpoch}. */
export interface EpochHooks {
  onStep?(info: StepInfo): void;
  /** Checked after every step; true ends the epoch early (Ctrl-C, the Stop button). */
  shouldStop?(): boolean;
  /** Yield to the event loop every this many steps, so a UI or a signal handler can run. */
  readonly yieldEvery?: number;
}

/** Running totals of the epoch in progress (kept across pauses and checkpoints). */
export interface EpochStats {
  /** Sum of the step losses (mean = lossSum / steps). */
  readonly lossSum: number;
  readonly steps: number;
  readonly samples: number;
  readonly clippedSteps: number;
  readonly maxGradNorm: number;
  /** Training time of the epoch so far (checkpoints and pauses excluded). */
  readonly seconds: number;
}

/**
 * Where training stands: `epoch` epochs are done and `batch` batches of the next one. The
 * epoch's batch order is a function of (seed, epoch) and dropout masks of (seed, step), so
 * this, the weights and the optimiser state are all a run needs to continue exactly.
 */
export interface SessionPosition {
  readonly epoch: number;
  readonly batch: number;
  readonly stats: EpochStats;
}

/** The statistics of an epoch before its first step. */
export const NO_EPOCH_STATS: EpochStats = {
  lossSum: 0,
  steps: 0,
  samples: 0,
  clippedSteps: 0,
  maxGradNorm: 0,
  seconds: 0,
};

/** How an epoch ended. */
export type EpochOutcome =
  | {
      readonly kind: 'done' | 'stopped';
      /** 1-based number of the epoch (finished, or in progress when stopped). */
      readonly epoch: number;
      /** Steps of this epoch so far (including those before a pause or a resume). */
      readonly steps: number;
      /** Mean training loss over the epoch's steps so far. */
      readonly trainLoss: number;
      readonly samples: number;
      readonly seconds: number;
      readonly clippedSteps: number;
      readonly maxGradNorm: number;
    }
  | {
      readonly kind: 'non-finite';
      readonly epoch: number;
      readonly step: number;
      readonly loss: number;
    };

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function withStep(s: EpochStats, loss: number, size: number, clipped: boolean, norm: number) {
  return {
    ...s,
    lossSum: s.lossSum + loss,
    steps: s.steps + 1,
    samples: s.samples + size,
    clippedSteps: s.clippedSteps + (clipped ? 1 : 0),
    maxGradNorm: Math.max(s.maxGradNorm, norm),
  };
}

/** A model being trained on a data set. */
export class TrainingSession {
  readonly model: CompiledModel;
  readonly trainer: Trainer;
  /** Epochs completed. */
  epoch = 0;
  /** Batches of the current epoch already trained, and their totals. */
  private batchInEpoch = 0;
  private stats: EpochStats = NO_EPOCH_STATS;

  constructor(private readonly opts: SessionOptions) {
    this.model = lowerModule(opts.module, { seed: opts.seed, tf: opts.tf });
    this.trainer = new Trainer(this.model, {
      ...opts.train,
      loss: opts.binding.loss,
      output: opts.binding.target.output,
      seed: opts.seed,
    });
  }

  /** Where training stands (for a checkpoint). */
  get position(): SessionPosition {
    return { epoch: this.epoch, batch: this.batchInEpoch, stats: { ...this.stats } };
  }

  /** Continue from a checkpoint's position (with its weights and optimiser state loaded). */
  restorePosition(p: SessionPosition): void {
    if (p.batch < 0 || p.batch >= this.stepsPerEpoch) {
      throw new Error(`position: batch ${p.batch} outside an epoch of ${this.stepsPerEpoch}`);
    }
    this.epoch = p.epoch;
    this.batchInEpoch = p.batch;
    this.stats = { ...p.stats };
  }

  /** The batches of `split`; training batches are shuffled with a per-epoch seed. */
  batches(split: SplitName, epoch = this.epoch): Batch[] {
    const train = split === 'train';
    return makeBatches(this.opts.dataset, split, {
      batchSize: this.opts.batchSize,
      shuffle: train,
      seed: this.opts.seed * 1000 + epoch,
      bucket: true,
    });
  }

  /** Steps in one training epoch. */
  get stepsPerEpoch(): number {
    return this.batches('train').length;
  }

  /**
   * Train the rest of the current epoch. Stops early (cleanly) on `shouldStop`, which is
   * asked after every step but the epoch's last; a later call continues at the next batch.
   * A non-finite loss ends it at once.
   */
  async runEpoch(hooks: EpochHooks = {}): Promise<EpochOutcome> {
    const tf = this.opts.tf;
    const epoch = this.epoch + 1;
    const batches = this.batches('train', this.epoch);
    const t0 = now();
    for (let i = this.batchInEpoch; i < batches.length; i++) {
      const data = batches[i] as Batch;
      const batch = toTrainBatch(tf, data, this.opts.binding);
      let result;
      try {
        result = this.trainer.step(batch);
      } finally {
        disposeBatch(tf, batch);
      }
      if (!Number.isFinite(result.loss)) {
        return { kind: 'non-finite', epoch, step: this.trainer.stepCount, loss: result.loss };
      }
      this.stats = withStep(this.stats, result.loss, data.size, result.clipped, result.gradNorm);
      this.batchInEpoch = i + 1;
      hooks.onStep?.({
        epoch,
        batch: i + 1,
        batches: batches.length,
        step: this.trainer.stepCount,
        loss: result.loss,
        gradNorm: result.gradNorm,
        clipped: result.clipped,
        lr: result.lr,
        samples: this.stats.samples,
      });
      if (hooks.yieldEvery && this.stats.steps % hooks.yieldEvery === 0) await pause();
      if (i + 1 < batches.length && hooks.shouldStop?.()) {
        this.stats = { ...this.stats, seconds: this.stats.seconds + (now() - t0) / 1000 };
        return this.outcome('stopped', epoch);
      }
    }
    this.stats = { ...this.stats, seconds: this.stats.seconds + (now() - t0) / 1000 };
    const done = this.outcome('done', epoch);
    this.epoch = epoch;
    this.batchInEpoch = 0;
    this.stats = NO_EPOCH_STATS;
    return done;
  }

  private outcome(kind: 'done' | 'stopped', epoch: number): EpochOutcome {
    const s = this.stats;
    return {
      kind,
      epoch,
      steps: s.steps,
      trainLoss: s.steps ? s.lossSum / s.steps : NaN,
      samples: s.samples,
      seconds: s.seconds,
      clippedSteps: s.clippedSteps,
      maxGradNorm: s.maxGradNorm,
    };
  }

  /**
   * Loss and metrics on `split` (inference mode); with `maxExamples`, on the first batches
   * holding at least that many examples (a sample, for large training splits). Every metric
   * is NaN when the model's outputs are not finite; {@link score} reports that as such.
   */
  evaluate(
    split: SplitName,
    metrics: readonly MetricName[] = this.opts.metrics,
    maxExamples = Infinity,
  ): Record<string, number> {
    const wanted = [...new Set<MetricName>(['loss', ...metrics])];
    return this.trainer.evaluate(this.evalBatches(split, maxExamples), wanted);
  }

  /** Like {@link evaluate}, with non-finite outputs as an outcome of their own. */
  score(
    split: SplitName,
    metrics: readonly MetricName[] = this.opts.metrics,
    maxExamples = Infinity,
  ): Scores {
    const wanted = [...new Set<MetricName>(['loss', ...metrics])];
    return this.trainer.score(this.evalBatches(split, maxExamples), wanted);
  }

  private *evalBatches(split: SplitName, maxExamples: number): Generator<TrainBatch> {
    const { tf, binding } = this.opts;
    let seen = 0;
    for (const b of this.batches(split)) {
      if (seen >= maxExamples) break;
      seen += b.size;
      const tb = toTrainBatch(tf, b, binding);
      try {
        yield tb;
      } finally {
        disposeBatch(tf, tb);
      }
    }
  }

  /** Free the model and the optimiser state. */
  dispose(): void {
    this.trainer.dispose();
    this.model.dispose();
  }
}
