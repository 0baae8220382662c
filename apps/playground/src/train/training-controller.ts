/**
 * Train / Pause / Stop over a training session, epoch by epoch, with the history the charts
 * draw. The session yields to the browser after every step, so the page stays responsive.
 * The controller only needs {@link SessionLike}, so tests drive it with a fake session.
 */
import type { EpochHooks, EpochOutcome, MetricName, StepInfo } from '@seqlab/tfjs';

/** The part of `TrainingSession` the controller uses. */
export interface SessionLike {
  readonly epoch: number;
  readonly stepsPerEpoch: number;
  runEpoch(hooks: EpochHooks): Promise<EpochOutcome>;
  evaluate(split: 'valid' | 'test', metrics?: readonly MetricName[]): Record<string, number>;
}

/** Where training is. */
export type TrainPhase = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

/** One point of the loss curve. */
export interface LossPoint {
  readonly step: number;
  readonly loss: number;
}

/** An evaluation on the validation split. */
export interface EvalPoint {
  readonly step: number;
  readonly epoch: number;
  readonly values: Readonly<Record<string, number>>;
}

/** Everything a progress display shows. */
export interface TrainProgress {
  readonly phase: TrainPhase;
  /** Epochs completed, and the target. */
  readonly epoch: number;
  readonly epochs: number;
  /** Batch within the running epoch, of `batches`. */
  readonly batch: number;
  readonly batches: number;
  readonly step: number;
  readonly losses: readonly LossPoint[];
  readonly evals: readonly EvalPoint[];
  /** Examples per second over the last few steps. */
  readonly samplesPerSecond?: number;
  /** Why training failed or stopped on its own. */
  readonly message?: string;
}

/**
 * Something that runs alongside training step by step (the gradient-flow sampler): told when
 * training (re)starts, so a pause is not taken for a slow step, and after every step.
 */
export interface StepObserver {
  start(): void;
  step(info: StepInfo): void;
}

/** Options of the controller. */
export interface ControllerOptions {
  readonly epochs: number;
  /** Metrics for the validation runs (loss is always included). */
  readonly metrics: readonly MetricName[];
  /** Milliseconds; injectable for tests. */
  readonly clock?: () => number;
  /** Steps between yields to the event loop (1: after every step). */
  readonly yieldEvery?: number;
  /** Also evaluate every this many steps, so the metric moves within a long epoch. */
  readonly evalEvery?: number;
  /** Called with every step (after the progress listeners). */
  readonly observer?: StepObserver;
}

type Listener = (p: TrainProgress) => void;

/** How many recent steps the samples/s figure averages over. */
const RATE_WINDOW = 8;

/** Drives a session; see the module comment. */
export class TrainingController {
  private phase: TrainPhase = 'idle';
  private request: 'none' | 'pause' | 'stop' = 'none';
  private losses: LossPoint[] = [];
  private evals: EvalPoint[] = [];
  private batch = 0;
  private batches = 0;
  private step = 0;
  private rate?: number;
  private message?: string;
  private recent: { t: number; samples: number }[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly clock: () => number;

  constructor(
    private readonly session: SessionLike,
    private readonly opts: ControllerOptions,
  ) {
    this.clock = opts.clock ?? (() => performance.now());
    this.batches = session.stepsPerEpoch;
  }

  /** Listen to progress; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.progress);
    return () => this.listeners.delete(fn);
  }

  /** The current progress (a fresh snapshot). */
  get progress(): TrainProgress {
    return {
      phase: this.phase,
      epoch: this.session.epoch,
      epochs: this.opts.epochs,
      batch: this.batch,
      batches: this.batches,
      step: this.step,
      losses: this.losses,
      evals: this.evals,
      ...(this.rate !== undefined ? { samplesPerSecond: this.rate } : {}),
      ...(this.message !== undefined ? { message: this.message } : {}),
    };
  }

  private emit(): void {
    const p = this.progress;
    for (const fn of this.listeners) fn(p);
  }

  /** Ask a running loop to pause after the current step (resume with {@link run}). */
  pause(): void {
    if (this.phase === 'running') this.request = 'pause';
  }

  /** Ask to stop for good after the current step; a paused run stops at once. */
  stop(): void {
    if (this.phase === 'running') this.request = 'stop';
    else if (this.phase === 'paused' || this.phase === 'idle') {
      this.phase = 'stopped';
      this.emit();
    }
  }

  /**
   * Train until the epochs are done, or a pause or stop. A paused epoch continues at its next
   * batch when resumed: the session keeps its position within the epoch (and the epoch's data
   * order), so a pause changes nothing in what is trained.
   */
  async run(): Promise<void> {
    if (this.phase === 'running' || this.phase === 'stopped' || this.phase === 'done') return;
    this.phase = 'running';
    this.request = 'none';
    this.recent = [];
    this.emit();
    this.opts.observer?.start();
    try {
      while (this.session.epoch < this.opts.epochs) {
        const startSamples = { t: this.clock(), samples: 0 };
        this.recent = [startSamples];
        const outcome = await this.session.runEpoch({
          yieldEvery: this.opts.yieldEvery ?? 1,
          shouldStop: () => this.request !== 'none',
          onStep: (info) => {
            this.step = info.step;
            this.batch = info.batch;
            this.batches = info.batches;
            this.losses.push({ step: info.step, loss: info.loss });
            this.recent.push({ t: this.clock(), samples: info.samples });
            if (this.recent.length > RATE_WINDOW + 1) this.recent.shift();
            const first = this.recent[0];
            const last = this.recent[this.recent.length - 1];
            if (first && last && last.t > first.t) {
              this.rate = ((last.samples - first.samples) * 1000) / (last.t - first.t);
            }
            this.emit();
            this.opts.observer?.step(info);
            const every = this.opts.evalEvery;
            if (every && info.step % every === 0 && info.batch < info.batches) this.evaluate();
          },
        });
        if (outcome.kind === 'non-finite') {
          this.phase = 'failed';
          this.message = `the loss became ${outcome.loss} at step ${outcome.step}: lower the learning rate or clip gradients`;
          this.emit();
          return;
        }
        if (outcome.kind === 'stopped') break;
        this.evaluate();
      }
      // Read through a method: TypeScript would keep `request` narrowed to 'none' here.
      const request = this.pending();
      if (request === 'pause') {
        this.evaluate();
        this.phase = 'paused';
      } else {
        if (request === 'stop') this.evaluate();
        this.phase = request === 'stop' ? 'stopped' : 'done';
      }
    } catch (e) {
      this.phase = 'failed';
      this.message = (e as Error).message;
    }
    this.request = 'none';
    this.emit();
  }

  private pending(): 'none' | 'pause' | 'stop' {
    return this.request;
  }

  /** Validation loss and metrics now (also called after every epoch). */
  evaluate(): void {
    if (this.losses.length === 0) return;
    const values = this.session.evaluate('valid', this.opts.metrics);
    this.evals.push({ step: this.step, epoch: this.session.epoch, values });
    this.emit();
  }
}
