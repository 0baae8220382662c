/**
 * `seqlab train --watch-grads [N]`: every N steps, the per-step gradient norms ‖∂L/∂h_t‖ of
 * each recurrent layer (and W_hh's spectral radius) on a fixed batch go to `grads.jsonl` in
 * the run directory, one line per measurement, so a run's gradient flow can be read (or
 * drawn as a time × training-step heatmap) afterwards. Every step, the global gradient norm
 * is compared with its running median: a jump above 10× is warned about as it happens.
 */
import { makeBatches, type Batch, type SequenceDataset } from '@seqlab/data';
import {
  diagnoseBatch,
  median,
  disposeBatch,
  toTrainBatch,
  type DataBinding,
  type StepInfo,
  type TrainingSession,
} from '@seqlab/tfjs';

import { UsageError } from '../io/files.js';
import { appendJsonLine } from './run-dir.js';

/** The shared median (re-exported: the running-median tests use it from here). */
export { median };

/** Default measuring interval, in optimisation steps. */
export const WATCH_EVERY = 50;
/** A global norm above this multiple of its running median is an explosion. */
export const EXPLOSION_FACTOR = 10;
/** Steps of history behind the running median. */
const WINDOW = 200;
/** No warnings before the median has this many steps behind it. */
const WARM_UP = 5;
/** After a warning, further explosions within this many steps are counted, not printed. */
const QUIET = 20;
/** Examples in the fixed diagnostic batch. */
const BATCH = 8;

/** What the watcher needs from the training command. */
export interface WatchContext {
  readonly session: TrainingSession;
  readonly dataset: SequenceDataset;
  readonly binding: DataBinding;
  readonly dir: string;
  /** Prints a line above the progress bar. */
  readonly note: (line: string) => void;
}

/** The `--watch-grads` value: absent (off), `true` (default interval) or a number. */
export function watchInterval(value: string | boolean | undefined): number | null {
  if (value === undefined || value === false) return null;
  if (value === true) return WATCH_EVERY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--watch-grads ${value}: give a positive whole number of steps`);
  return n;
}

/** Watches one training run. */
export class GradWatch {
  private readonly recent: number[] = [];
  private readonly batch: Batch | undefined;
  private steps = 0;
  private clipped = 0;
  private maxNorm = 0;
  private maxNormStep = 0;
  private explosions = 0;
  private records = 0;
  private quietUntil = 0;

  constructor(
    private readonly every: number,
    private readonly ctx: WatchContext,
  ) {
    // One fixed batch, so successive lines differ only by the weights.
    const split = ctx.dataset.splits.valid.length > 0 ? 'valid' : 'train';
    this.batch = makeBatches(ctx.dataset, split, { batchSize: BATCH, shuffle: false, seed: 0 })[0];
  }

  /** Call after every optimisation step. */
  onStep(s: StepInfo): void {
    this.steps++;
    if (s.clipped) this.clipped++;
    if (s.gradNorm > this.maxNorm) {
      this.maxNorm = s.gradNorm;
      this.maxNormStep = s.step;
    }
    this.checkExplosion(s);
    this.recent.push(s.gradNorm);
    if (this.recent.length > WINDOW) this.recent.shift();
    if (s.step % this.every === 0) this.measure(s);
  }

  private checkExplosion(s: StepInfo): void {
    if (this.recent.length < WARM_UP || !Number.isFinite(s.gradNorm)) return;
    const m = median(this.recent);
    if (!(m > 0) || s.gradNorm <= EXPLOSION_FACTOR * m) return;
    this.explosions++;
    // One line per burst: a run that explodes for a while should not scroll the screen away.
    if (s.step < this.quietUntil) return;
    this.quietUntil = s.step + QUIET;
    this.ctx.note(
      `warning: exploding gradient at step ${s.step}: global norm ${s.gradNorm.toPrecision(3)} is ` +
        `${(s.gradNorm / m).toFixed(0)}× the running median ${m.toPrecision(3)}` +
        (s.clipped ? ' (clipped)' : '; consider clip_norm = 1.0 in the train block'),
    );
  }

  private measure(s: StepInfo): void {
    if (this.batch === undefined) return;
    const { session, binding } = this.ctx;
    const tf = session.model.tf;
    const tb = toTrainBatch(tf, this.batch, binding);
    try {
      const report = diagnoseBatch(session.model, tb, binding);
      appendJsonLine(this.ctx.dir, 'grads.jsonl', {
        step: s.step,
        epoch: s.epoch,
        loss: s.loss,
        global_norm: s.gradNorm,
        clipped: s.clipped,
        layers: report.layers.map((l) => ({
          name: l.name,
          grad_norms: l.gradNorms,
          ratio: l.ratio !== null && Number.isFinite(l.ratio) ? l.ratio : null,
          spectral_radius: l.spectralRadius,
          verdict: l.verdict,
        })),
      });
      this.records++;
    } finally {
      disposeBatch(tf, tb);
    }
  }

  /** For summary.json. */
  summary(): Record<string, unknown> {
    return {
      watch_grads: {
        every: this.every,
        records: this.records,
        steps: this.steps,
        clipped_steps: this.clipped,
        max_grad_norm: this.maxNorm,
        max_grad_norm_step: this.maxNormStep,
        explosions: this.explosions,
      },
    };
  }

  /** One line for the end of training. */
  summaryLine(): string {
    const pct = this.steps ? ((100 * this.clipped) / this.steps).toFixed(1) : '0';
    return (
      `gradients: clipping fired in ${this.clipped} of ${this.steps} steps (${pct}%); ` +
      `largest global norm ${this.maxNorm.toPrecision(3)} (step ${this.maxNormStep}); ` +
      `${this.explosions} exploding step(s); ${this.records} measurements in ${this.ctx.dir}/grads.jsonl\n`
    );
  }
}

/** A watcher when `--watch-grads` was given, else null. */
export function createGradWatch(
  value: string | boolean | undefined,
  ctx: WatchContext,
): GradWatch | null {
  const every = watchInterval(value);
  return every === null ? null : new GradWatch(every, ctx);
}
