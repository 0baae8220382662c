/**
 * Progress of a training run: a live bar per epoch on a terminal (loss, samples/s, ETA),
 * and one plain line per epoch when output goes to a file or CI log.
 */
import cliProgress from 'cli-progress';
import type { StepInfo } from '@seqlab/tfjs';

/** How far a resumed epoch already is (its rate counts only the steps done now). */
export interface EpochStart {
  readonly batch: number;
  readonly stats: { readonly samples: number };
}

/** What the train command reports to. */
export interface Progress {
  startEpoch(epoch: number, epochs: number, batches: number, from?: EpochStart): void;
  step(info: StepInfo): void;
  /** Close the epoch's bar and print its summary line. */
  endEpoch(line: string): void;
  note(line: string): void;
}

/** Human-friendly seconds: `42s`, `3m05s`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

class BarProgress implements Progress {
  constructor(private readonly loss: string) {}

  private bar: cliProgress.SingleBar | undefined;
  private t0 = 0;
  private from: EpochStart = { batch: 0, stats: { samples: 0 } };

  startEpoch(epoch: number, epochs: number, batches: number, from?: EpochStart): void {
    this.t0 = performance.now();
    this.from = from ?? { batch: 0, stats: { samples: 0 } };
    this.bar = new cliProgress.SingleBar(
      {
        format: `epoch ${epoch}/${epochs} {bar} {percentage}% | ${this.loss} {loss} | {rate} samples/s | ETA {eta_s}`,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(batches, this.from.batch, { loss: '-', rate: '-', eta_s: '?' });
  }

  step(info: StepInfo): void {
    const seconds = (performance.now() - this.t0) / 1000;
    const done = info.batch - this.from.batch;
    const rate = seconds > 0 ? Math.round((info.samples - this.from.stats.samples) / seconds) : 0;
    const eta = done > 0 ? (seconds / done) * (info.batches - info.batch) : NaN;
    this.bar?.update(info.batch, {
      loss: info.loss.toFixed(4),
      rate: rate.toLocaleString('en-US'),
      eta_s: formatSeconds(eta),
    });
  }

  endEpoch(line: string): void {
    this.bar?.stop();
    this.bar = undefined;
    process.stderr.write(line + '\n');
  }

  note(line: string): void {
    if (this.bar) process.stderr.write('\n');
    process.stderr.write(line + '\n');
  }
}

/**
 * Without a terminal (a log file, CI): a plain line at every tenth of an epoch, so a long
 * epoch still shows it is alive, and the epoch's summary line.
 */
export class LineProgress implements Progress {
  private t0 = 0;
  private label = '';
  private reported = 0;
  private from: EpochStart = { batch: 0, stats: { samples: 0 } };

  constructor(
    private readonly write: (line: string) => void = (l) => process.stderr.write(l),
    private readonly loss = 'loss',
  ) {}

  startEpoch(epoch: number, epochs: number, batches = 0, from?: EpochStart): void {
    this.t0 = performance.now();
    this.label = `epoch ${epoch}/${epochs}`;
    this.from = from ?? { batch: 0, stats: { samples: 0 } };
    this.reported = Math.floor((10 * this.from.batch) / Math.max(1, batches));
  }

  step(info: StepInfo): void {
    const tenth = Math.floor((10 * info.batch) / Math.max(1, info.batches));
    if (tenth <= this.reported || info.batch >= info.batches) return;
    this.reported = tenth;
    const seconds = (performance.now() - this.t0) / 1000;
    const rate = seconds > 0 ? Math.round((info.samples - this.from.stats.samples) / seconds) : 0;
    const eta = (seconds / (info.batch - this.from.batch)) * (info.batches - info.batch);
    this.write(
      `${this.label} ${tenth * 10}% | ${this.loss} ${info.loss.toFixed(4)} | ` +
        `${rate.toLocaleString('en-US')} samples/s | ETA ${formatSeconds(eta)}\n`,
    );
  }

  endEpoch(line: string): void {
    this.write(line + '\n');
  }

  note(line: string): void {
    this.write(line + '\n');
  }
}

/** A bar on a TTY, lines otherwise; `loss` names the training loss (`mse`, `cross_entropy`). */
export function makeProgress(loss = 'loss'): Progress {
  return process.stderr.isTTY
    ? new BarProgress(loss)
    : new LineProgress((l) => process.stderr.write(l), loss);
}

/** Progress of one evaluation pass (a split scored batch by batch). */
export interface PassProgress {
  /** `done` of the pass's batches are scored. */
  tick(done: number): void;
  /** Remove the bar. */
  stop(): void;
}

/**
 * A bar for scoring `label` (`test`, `valid`...) over `batches` batches, on a terminal only:
 * without one (a log file, CI) an evaluation prints nothing until its result.
 */
export function passProgress(label: string, batches: number): PassProgress {
  if (!process.stderr.isTTY || batches <= 1) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `scoring ${label} {bar} {percentage}% | {value}/{total} batches | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(batches, 0);
  return { tick: (done) => bar.update(done), stop: () => bar.stop() };
}
