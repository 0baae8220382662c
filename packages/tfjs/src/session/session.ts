/**
 * A training session: one compiled model, its trainer, and a bound data set, run an epoch
 * at a time. Shared by the CLI (progress bar, run directory) and the playground (charts);
 * both drive it through hooks and own everything else.
 */
import { makeBatches, type Batch, type SequenceDataset, type SplitName } from '@seqlab/data';
import type { IrModule } from '@seqlab/ir';
import { lowerModule } from '../lower/lower-module.js';
import type { MetricName } from '../train/metrics.js';
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

/** How an epoch ended. */
export type EpochOutcome =
  | {
      readonly kind: 'done' | 'stopped';
      readonly epoch: number;
      readonly steps: number;
      /** Mean training loss over the steps taken. */
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

/** A model being trained on a data set. */
export class TrainingSession {
  readonly model: CompiledModel;
  readonly trainer: Trainer;
  /** Epochs completed. */
  epoch = 0;

  constructor(private readonly opts: SessionOptions) {
    this.model = lowerModule(opts.module, { seed: opts.seed, tf: opts.tf });
    this.trainer = new Trainer(this.model, {
      ...opts.train,
      loss: opts.binding.loss,
      output: opts.binding.target.output,
      seed: opts.seed,
    });
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

  /** Train one epoch. Stops early (cleanly) on `shouldStop` or a non-finite loss. */
  async runEpoch(hooks: EpochHooks = {}): Promise<EpochOutcome> {
    const tf = this.opts.tf;
    const epoch = this.epoch + 1;
    const batches = this.batches('train', this.epoch);
    const t0 = now();
    let lossSum = 0;
    let steps = 0;
    let samples = 0;
    let clippedSteps = 0;
    let maxGradNorm = 0;
    let stopped = false;
    for (const [i, data] of batches.entries()) {
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
      steps++;
      samples += data.size;
      lossSum += result.loss;
      if (result.clipped) clippedSteps++;
      maxGradNorm = Math.max(maxGradNorm, result.gradNorm);
      hooks.onStep?.({
        epoch,
        batch: i + 1,
        batches: batches.length,
        step: this.trainer.stepCount,
        loss: result.loss,
        gradNorm: result.gradNorm,
        clipped: result.clipped,
        lr: result.lr,
        samples,
      });
      if (hooks.yieldEvery && steps % hooks.yieldEvery === 0) await pause();
      if (hooks.shouldStop?.()) {
        stopped = true;
        break;
      }
    }
    if (!stopped) this.epoch = epoch;
    return {
      kind: stopped ? 'stopped' : 'done',
      epoch,
      steps,
      trainLoss: steps ? lossSum / steps : NaN,
      samples,
      seconds: (now() - t0) / 1000,
      clippedSteps,
      maxGradNorm,
    };
  }

  /**
   * Loss and metrics on `split` (inference mode); with `maxExamples`, on the first batches
   * holding at least that many examples (a sample, for large training splits).
   */
  evaluate(
    split: SplitName,
    metrics: readonly MetricName[] = this.opts.metrics,
    maxExamples = Infinity,
  ): Record<string, number> {
    const { tf, binding } = this.opts;
    const data: Batch[] = [];
    let seen = 0;
    for (const b of this.batches(split)) {
      if (seen >= maxExamples) break;
      data.push(b);
      seen += b.size;
    }
    function* tensors(): Generator<TrainBatch> {
      for (const b of data) {
        const tb = toTrainBatch(tf, b, binding);
        try {
          yield tb;
        } finally {
          disposeBatch(tf, tb);
        }
      }
    }
    const wanted = [...new Set<MetricName>(['loss', ...metrics])];
    return this.trainer.evaluate(tensors(), wanted);
  }

  /** Free the model and the optimiser state. */
  dispose(): void {
    this.trainer.dispose();
    this.model.dispose();
  }
}
