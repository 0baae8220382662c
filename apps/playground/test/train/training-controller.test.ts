import type { EpochHooks, EpochOutcome } from '@seqlab/tfjs';
import { describe, expect, it } from 'vitest';
import {
  TrainingController,
  type SessionLike,
  type TrainProgress,
} from '../../src/train/training-controller.js';

/**
 * A session whose loss falls 0.1 per step; `failAt` makes a step non-finite. Like the real
 * TrainingSession, a stopped epoch continues at its next batch.
 */
class FakeSession implements SessionLike {
  epoch = 0;
  step = 0;
  evaluations = 0;
  /** Batches of the current epoch already trained. */
  private done = 0;
  readonly stepsPerEpoch = 5;
  constructor(private readonly opts: { failAt?: number; batchSize?: number } = {}) {}

  async runEpoch(hooks: EpochHooks): Promise<EpochOutcome> {
    const epoch = this.epoch + 1;
    let steps = 0;
    for (let b = this.done + 1; b <= this.stepsPerEpoch; b++) {
      this.done = b;
      this.step++;
      const loss = this.step === this.opts.failAt ? NaN : 2 - 0.1 * this.step;
      if (!Number.isFinite(loss)) return { kind: 'non-finite', epoch, step: this.step, loss };
      steps++;
      hooks.onStep?.({
        epoch,
        batch: b,
        batches: this.stepsPerEpoch,
        step: this.step,
        loss,
        gradNorm: 1,
        clipped: false,
        lr: 0.1,
        samples: b * (this.opts.batchSize ?? 10),
      });
      if (hooks.yieldEvery) await Promise.resolve();
      if (hooks.shouldStop?.()) {
        return {
          kind: 'stopped',
          epoch,
          steps,
          trainLoss: loss,
          samples: 0,
          seconds: 0,
          clippedSteps: 0,
          maxGradNorm: 1,
        };
      }
    }
    this.epoch = epoch;
    this.done = 0;
    return {
      kind: 'done',
      epoch,
      steps,
      trainLoss: 1,
      samples: 0,
      seconds: 0,
      clippedSteps: 0,
      maxGradNorm: 1,
    };
  }

  evaluate(): Record<string, number> {
    this.evaluations++;
    return { loss: 1 / (1 + this.step), accuracy: this.step / 100 };
  }
}

/** A clock that advances 100 ms per reading. */
function tickingClock(): () => number {
  let t = 0;
  return () => (t += 100);
}

describe('training controller', () => {
  it('runs every epoch, records each step and evaluates after each epoch', async () => {
    const s = new FakeSession();
    const c = new TrainingController(s, {
      epochs: 3,
      metrics: ['accuracy'],
      clock: tickingClock(),
    });
    const phases: string[] = [];
    c.subscribe((p) => phases.push(p.phase));
    await c.run();
    const p = c.progress;
    expect(p.phase).toBe('done');
    expect(p.epoch).toBe(3);
    expect(p.losses.map((l) => l.step)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(p.losses[0]?.loss).toBeCloseTo(1.9);
    expect(p.evals.map((e) => e.step)).toEqual([5, 10, 15]);
    expect(p.evals[2]?.values['accuracy']).toBeCloseTo(0.15);
    expect(phases[0]).toBe('idle');
    expect(phases).toContain('running');
    // 10 samples per 100 ms tick = 100 samples/s.
    expect(p.samplesPerSecond).toBeCloseTo(100);
  });

  it('pauses after the current step, evaluates, and resumes to the end', async () => {
    const s = new FakeSession();
    const c = new TrainingController(s, { epochs: 2, metrics: [] });
    let paused = false;
    c.subscribe((p: TrainProgress) => {
      if (!paused && p.step === 3) {
        paused = true;
        c.pause();
      }
    });
    await c.run();
    expect(c.progress.phase).toBe('paused');
    expect(c.progress.step).toBe(3);
    expect(s.evaluations).toBe(1);
    await c.run();
    expect(c.progress.phase).toBe('done');
    expect(c.progress.epoch).toBe(2);
    // The paused epoch continued at its fourth batch: two epochs of five steps, no replay.
    expect(c.progress.losses.map((l) => l.step)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });

  it('stops for good, evaluates once more, and will not run again', async () => {
    const s = new FakeSession();
    const c = new TrainingController(s, { epochs: 5, metrics: [] });
    c.subscribe((p) => {
      if (p.step === 7) c.stop();
    });
    await c.run();
    expect(c.progress.phase).toBe('stopped');
    expect(c.progress.step).toBe(7);
    const evals = c.progress.evals.length;
    await c.run();
    expect(c.progress.step).toBe(7);
    expect(c.progress.evals.length).toBe(evals);
  });

  it('fails with an actionable message on a non-finite loss', async () => {
    const c = new TrainingController(new FakeSession({ failAt: 4 }), { epochs: 2, metrics: [] });
    await c.run();
    expect(c.progress.phase).toBe('failed');
    expect(c.progress.message).toMatch(/step 4.*learning rate/);
  });

  it('tells its observer when training (re)starts and after every step', async () => {
    const calls: string[] = [];
    const s = new FakeSession();
    const c = new TrainingController(s, {
      epochs: 1,
      metrics: [],
      observer: { start: () => calls.push('start'), step: (i) => calls.push(`step ${i.step}`) },
    });
    let paused = false;
    c.subscribe((p) => {
      if (!paused && p.step === 2) {
        paused = true;
        c.pause();
      }
    });
    await c.run();
    await c.run();
    // The paused epoch continues at its third batch.
    expect(calls).toEqual(['start', 'step 1', 'step 2', 'start', 'step 3', 'step 4', 'step 5']);
  });

  it('also evaluates every `evalEvery` steps inside an epoch', async () => {
    const s = new FakeSession();
    const c = new TrainingController(s, { epochs: 1, metrics: [], evalEvery: 2 });
    await c.run();
    expect(c.progress.evals.map((e) => e.step)).toEqual([2, 4, 5]);
  });
});
