/**
 * The torch engine behind the EngineSession seam: the job folder is written and the
 * processes started on first use (after a resume has set the starting state), then each
 * epoch, evaluation and save is one command to rank 0 and the events it answers with.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SplitName } from '@seqlab/data';
import {
  scorePlan,
  TorchRun,
  trainPlan,
  writeTorchJob,
  type Topology,
  type TorchEvent,
  type TorchJobSpec,
  type TorchStart,
} from '@seqlab/engine-torch';
import {
  NO_EPOCH_STATS,
  type EpochOutcome,
  type EpochStats,
  type Scores,
  type SessionPosition,
} from '@seqlab/tfjs';
import type { EngineEpochHooks, EngineSession, EngineState } from './engine-session.js';

/** What the torch engine needs to start. */
export interface TorchEngineOptions {
  readonly job: TorchJobSpec;
  readonly jobDir: string;
  readonly python: string;
  readonly topology: Topology;
  /** The tfjs engine's initial weights (same seed, same initialisation). */
  readonly initialWeights: Uint8Array;
  /** Prints a line above the progress bar. */
  readonly note: (line: string) => void;
}

/** JSON carries NaN as null. */
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

function scoresOf(e: TorchEvent): Scores {
  if (e['ok'] !== true) {
    return { ok: false, nonFinite: num(e['nonFinite']), values: num(e['values']) };
  }
  const raw = (e['metrics'] ?? {}) as Record<string, unknown>;
  return {
    ok: true,
    metrics: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, num(v)])),
  };
}

/** A torch-engine session (see the file comment). */
class TorchEngine implements EngineSession {
  readonly engine = 'torch' as const;
  epoch = 0;
  stepCount = 0;
  private batch = 0;
  private stats: EpochStats = NO_EPOCH_STATS;
  private start: TorchStart;
  private run: TorchRun | null = null;
  private ready: TorchEvent | null = null;
  readonly stepsPerEpoch: number;

  constructor(private readonly o: TorchEngineOptions) {
    this.start = { weights: o.initialWeights, steps: 0 };
    this.stepsPerEpoch = Math.ceil(o.job.dataset.splits.train.length / o.job.batch);
  }

  get position(): SessionPosition {
    return { epoch: this.epoch, batch: this.batch, stats: { ...this.stats } };
  }

  /** What summary.json records about the engine. */
  info(): Record<string, unknown> {
    const r = this.ready;
    return {
      engine: 'torch',
      nproc: num(r?.['worldSize']),
      device: r?.['device'] ?? this.o.job.device,
      device_name: r?.['deviceName'],
      torch: r?.['torch'],
      ddp_backend: r?.['backend'],
    };
  }

  private async started(): Promise<TorchRun> {
    if (this.run) return this.run;
    writeTorchJob(this.o.jobDir, this.o.job, this.start);
    const { run, ready } = await TorchRun.start({
      python: this.o.python,
      jobDir: this.o.jobDir,
      topology: this.o.topology,
    });
    this.run = run;
    this.ready = ready;
    const world = num(ready?.['worldSize']);
    this.o.note(
      `torch engine: ${world} process${world === 1 ? '' : 'es'} on ${String(ready?.['deviceName'])}` +
        ` (${String(ready?.['device'])}), torch ${String(ready?.['torch'])}` +
        (world > 1 ? `, DDP over ${String(ready?.['backend'])}` : ''),
    );
    return run;
  }

  async runEpoch(hooks: EngineEpochHooks): Promise<EpochOutcome> {
    const run = await this.started();
    const epoch = this.epoch + 1;
    const t0 = performance.now();
    run.send({
      cmd: 'epoch',
      plan: trainPlan(this.epoch),
      batch: this.batch,
      stopEvery: hooks.stopEverySteps ?? null,
      stopAt: hooks.stopAtStep ?? null,
    });
    let asked = false;
    for (;;) {
      const e = await run.next();
      if (e.ev === 'step') {
        this.onStep(e, epoch, hooks);
        if (!asked && hooks.shouldStop?.()) {
          run.send({ cmd: 'stop' });
          asked = true;
        }
        continue;
      }
      if (e.ev !== 'epochEnd') throw new Error(`torch engine: unexpected ${e.ev} during an epoch`);
      const seconds = this.stats.seconds + (performance.now() - t0) / 1000;
      this.stats = { ...this.stats, seconds };
      if (e['nonFinite'] === true) {
        return { kind: 'non-finite', epoch, step: this.stepCount, loss: NaN };
      }
      const outcome = this.outcome(e['stopped'] === true ? 'stopped' : 'done', epoch);
      if (outcome.kind === 'done') {
        this.epoch = epoch;
        this.batch = 0;
        this.stats = NO_EPOCH_STATS;
      }
      return outcome;
    }
  }

  private onStep(e: TorchEvent, epoch: number, hooks: EngineEpochHooks): void {
    const loss = num(e['loss']);
    this.stepCount = num(e['step']);
    this.batch = num(e['batch']);
    if (!Number.isFinite(loss)) return;
    const s = this.stats;
    const gradNorm = num(e['gradNorm']);
    this.stats = {
      ...s,
      lossSum: s.lossSum + loss,
      steps: s.steps + 1,
      samples: s.samples + num(e['size']),
      clippedSteps: s.clippedSteps + (e['clipped'] === true ? 1 : 0),
      maxGradNorm: Math.max(s.maxGradNorm, gradNorm),
    };
    hooks.onStep?.({
      epoch,
      batch: this.batch,
      batches: num(e['batches']),
      step: this.stepCount,
      loss,
      gradNorm,
      clipped: e['clipped'] === true,
      lr: num(e['lr']),
      samples: this.stats.samples,
      seconds: num(e['seconds']),
    });
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

  async score(
    split: SplitName,
    metrics: readonly string[],
    maxExamples?: number,
    onBatch?: (done: number, total: number) => void,
  ) {
    const run = await this.started();
    run.send({
      cmd: 'score',
      split,
      plan: scorePlan(split, this.epoch),
      metrics,
      maxExamples: maxExamples !== undefined && Number.isFinite(maxExamples) ? maxExamples : null,
    });
    for (;;) {
      const e = await run.next();
      if (e.ev === 'scores') return scoresOf(e);
      if (e.ev !== 'scoreBatch') throw new Error(`torch engine: unexpected ${e.ev} while scoring`);
      onBatch?.(num(e['done']), num(e['total']));
    }
  }

  async saveState(): Promise<EngineState> {
    const run = await this.started();
    const folder = join(this.o.jobDir, 'state');
    run.send({ cmd: 'save', folder });
    const saved = await run.expect('saved');
    return {
      weights: readFileSync(join(folder, 'weights.safetensors')),
      optimizer: readFileSync(join(folder, 'optimizer.safetensors')),
      steps: num(saved['steps']),
    };
  }

  restore(state: EngineState, position: SessionPosition): Promise<string[]> {
    if (this.run) return Promise.resolve(['the torch engine restores before it starts']);
    if (position.batch >= this.stepsPerEpoch) {
      return Promise.resolve([
        `the checkpoint is at batch ${position.batch + 1} of an epoch but the data now gives ` +
          `${this.stepsPerEpoch} batches per epoch (did the data file change?)`,
      ]);
    }
    this.start = { weights: state.weights, optimizer: state.optimizer, steps: state.steps };
    this.stepCount = state.steps;
    this.epoch = position.epoch;
    this.batch = position.batch;
    this.stats = { ...position.stats };
    return Promise.resolve([]);
  }

  /**
   * A node other than 0: start this node's processes and wait until node 0 ends the run.
   * Returns the processes' exit code; Ctrl-C kills them.
   */
  async joinAsWorker(): Promise<number> {
    writeTorchJob(this.o.jobDir, this.o.job, this.start);
    const { run } = await TorchRun.start({
      python: this.o.python,
      jobDir: this.o.jobDir,
      topology: this.o.topology,
    });
    this.run = run;
    const stop = (): void => {
      run.kill();
      process.exit(130);
    };
    process.on('SIGINT', stop);
    try {
      return (await run.wait()) ?? 1;
    } finally {
      process.off('SIGINT', stop);
    }
  }

  async dispose(): Promise<void> {
    await this.run?.close();
    // The arrays and plans are derived from the run's data; the log and job.json stay.
    // SEQLAB_TORCH_KEEP_JOB=1 keeps them (tools/torch-engine/drive.py runs a kept job).
    if (process.env['SEQLAB_TORCH_KEEP_JOB'] === '1') return;
    for (const sub of ['data', 'plans', 'start', 'state']) {
      rmSync(join(this.o.jobDir, sub), { recursive: true, force: true });
    }
  }
}

/** The torch engine as an EngineSession (processes start at the first command). */
export function torchEngine(o: TorchEngineOptions): TorchEngineSession {
  return new TorchEngine(o);
}

/** The torch engine's session, with what a node other than 0 does instead of training. */
export type TorchEngineSession = EngineSession & { joinAsWorker(): Promise<number> };

/** Whether a session is the torch engine's. */
export function isTorchSession(s: EngineSession): s is TorchEngineSession {
  return s.engine === 'torch' && 'joinAsWorker' in s;
}
