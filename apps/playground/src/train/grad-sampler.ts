/**
 * Live gradient-flow measurements during training: after some steps (as often as the
 * 10 % budget of {@link SampleCadence} allows), ‖∂L/∂h_t‖ per time step and the spectral
 * radius of W_hh of every recurrent layer, from `diagnoseBatch`, handed to listeners (the
 * heatmap). A failing measurement turns the sampler off with a reason; training goes on.
 */
import { makeBatches, type SequenceDataset } from '@seqlab/data';
import {
  diagnoseBatch,
  disposeBatch,
  recurrentLayers,
  toTrainBatch,
  type DataBinding,
  type GradReport,
  type StepInfo,
  type TrainingSession,
} from '@seqlab/tfjs';
import { SampleCadence } from './sample-cadence.js';
import type { StepObserver } from './training-controller.js';

/** What listeners hear: a measurement, or why there will be none. */
export type GradEvent =
  | { readonly kind: 'sample'; readonly step: number; readonly report: GradReport }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Options of a sampler. */
export interface GradSamplerOptions {
  /** How to measure the model as it is now, or why it cannot be. */
  readonly setup: MeasureSetup;
  /** Milliseconds; injectable for tests. */
  readonly clock?: () => number;
  /** Share of training time the measurements may take (default 10 %). */
  readonly budget?: number;
}

/** Measures the gradient flow now and then; see the module comment. */
export class GradSampler implements StepObserver {
  private readonly cadence: SampleCadence;
  private readonly clock: () => number;
  private readonly listeners = new Set<(e: GradEvent) => void>();
  private lastStepAt?: number;
  private failure?: string;
  /** Measurements taken so far. */
  samples = 0;

  constructor(private readonly opts: GradSamplerOptions) {
    this.cadence = new SampleCadence(opts.budget);
    this.clock = opts.clock ?? (() => performance.now());
    if (!opts.setup.ok) this.failure = opts.setup.reason;
  }

  /** Listen to measurements; returns the unsubscribe function. */
  subscribe(fn: (e: GradEvent) => void): () => void {
    this.listeners.add(fn);
    if (this.failure !== undefined) fn({ kind: 'unavailable', reason: this.failure });
    return () => this.listeners.delete(fn);
  }

  /** The current number of steps between measurements. */
  get gap(): number {
    return this.cadence.gap;
  }

  /** Training (re)starts: the time since the last step (a pause) is not a step's time. */
  start(): void {
    this.lastStepAt = undefined;
  }

  /** After every optimisation step. */
  step(info: StepInfo): void {
    const now = this.clock();
    if (this.lastStepAt !== undefined) this.cadence.stepTook(now - this.lastStepAt);
    if (this.failure === undefined && this.cadence.due(info.step)) this.measure(info.step);
    // Timed from after the measurement, so a step's time never includes one.
    this.lastStepAt = this.clock();
  }

  /** Measure now (the page asked, e.g. on Pause), unless measuring has failed. */
  measureNow(step: number): void {
    if (this.failure === undefined) this.measure(step);
  }

  private measure(step: number): void {
    const setup = this.opts.setup;
    if (!setup.ok) return;
    const t0 = this.clock();
    let report: GradReport;
    try {
      report = setup.measure();
    } catch (e) {
      this.failure = `the gradient diagnostics failed: ${(e as Error).message}`;
      for (const fn of this.listeners) fn({ kind: 'unavailable', reason: this.failure });
      return;
    }
    this.cadence.measured(step, this.clock() - t0);
    this.samples++;
    for (const fn of this.listeners) fn({ kind: 'sample', step, report });
  }
}

/** What the panel says for a model without rnn/lstm/gru layers or cells. */
export const NO_RECURRENT_LAYER =
  'this model has no recurrent layer: there is no gradient through time to show';

/** Examples in the fixed diagnostic batch (the CLI's `--watch-grads` uses 8). */
const DIAGNOSTIC_BATCH = 16;

/** A measurement for a sampler, or why there is none. */
export type MeasureSetup =
  | { readonly ok: true; readonly measure: () => GradReport }
  | { readonly ok: false; readonly reason: string };

/**
 * A measurement of `session`'s model for a sampler; none when the model has no recurrent
 * layer (nothing to measure) or there is no data.
 *
 * It measures one fixed batch (the first examples of the validation split, else of the
 * training split), not the batch just trained: then successive columns differ only by the
 * weights, and every column has the same T, so the rows line up. Training batches are
 * shuffled and bucketed by length, so their columns would mix data noise and changing T
 * into the picture (and the session frees them right after the step).
 */
export function sessionMeasure(
  session: TrainingSession,
  dataset: SequenceDataset,
  binding: DataBinding,
): MeasureSetup {
  if (recurrentLayers(session.model.module).length === 0) {
    return { ok: false, reason: NO_RECURRENT_LAYER };
  }
  const split = dataset.splits.valid.length > 0 ? 'valid' : 'train';
  const batch = makeBatches(dataset, split, {
    batchSize: DIAGNOSTIC_BATCH,
    shuffle: false,
    seed: 0,
  })[0];
  if (batch === undefined) return { ok: false, reason: 'the data set has no examples' };
  const measure = (): GradReport => {
    const tf = session.model.tf;
    const tb = toTrainBatch(tf, batch, binding);
    try {
      // No Jacobian norms: they are the costly part for wide layers, and not drawn.
      return diagnoseBatch(session.model, tb, binding, { lossAt: 'last', jacobian: false });
    } finally {
      disposeBatch(tf, tb);
    }
  };
  return { ok: true, measure };
}
