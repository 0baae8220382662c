/**
 * How often to measure the gradient flow while training: every N steps, with N chosen from
 * what a measurement and a training step actually cost on this machine and backend, so the
 * measurements take at most a fixed share (10 %) of the training time. Both costs are
 * tracked as moving averages, as they change (WebGL warms up; T varies with the data).
 */

/** The share of training time the live diagnostics may take. */
export const MEASURE_BUDGET = 0.1;

/** Most steps between two measurements (a very slow measurement still shows progress). */
export const MAX_GAP = 1000;

/** Steps between the first (warm-up) measurement and the second. */
export const WARM_UP_GAP = 3;

/** Weight of the newest timing in the moving averages. */
const ALPHA = 0.3;

/**
 * Steps between measurements so that one costing `measureMs` is at most `budget` of the
 * training time at `stepMs` per step: the smallest N with measureMs ≤ budget · N · stepMs.
 */
export function measureGap(measureMs: number, stepMs: number, budget = MEASURE_BUDGET): number {
  if (!(measureMs > 0)) return 1;
  if (!(stepMs > 0) || !(budget > 0)) return MAX_GAP;
  const n = Math.ceil(measureMs / (budget * stepMs) - 1e-9);
  return Math.min(MAX_GAP, Math.max(1, n));
}

const ema = (prev: number | undefined, x: number): number =>
  prev === undefined ? x : ALPHA * x + (1 - ALPHA) * prev;

/** Decides, step by step, whether a measurement is due. */
export class SampleCadence {
  private stepMs?: number;
  private measureMs?: number;
  private next = 0;
  private measurements = 0;

  constructor(private readonly budget = MEASURE_BUDGET) {}

  /** A training step took `ms`. */
  stepTook(ms: number): void {
    if (ms >= 0 && Number.isFinite(ms)) this.stepMs = ema(this.stepMs, ms);
  }

  /**
   * A measurement after step `step` took `ms`: schedule the next one. The first one is a
   * warm-up (WebGL compiles its shaders then, easily 10× the steady cost): its time is not
   * counted and the second follows soon, to time a steady one.
   */
  measured(step: number, ms: number): void {
    if (this.measurements++ === 0) {
      this.next = step + WARM_UP_GAP;
      return;
    }
    if (ms >= 0 && Number.isFinite(ms)) this.measureMs = ema(this.measureMs, ms);
    this.next = step + this.gap;
  }

  /** The current number of steps between measurements. */
  get gap(): number {
    if (this.measureMs === undefined) return WARM_UP_GAP;
    // Before any step has been timed, assume a step costs as much as a measurement.
    return measureGap(this.measureMs, this.stepMs ?? this.measureMs, this.budget);
  }

  /** Whether to measure after step `step` (the first step always is). */
  due(step: number): boolean {
    return step >= this.next;
  }
}
