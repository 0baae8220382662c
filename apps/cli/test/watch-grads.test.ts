/** The live explosion warning of `--watch-grads`: the running median and its 10× rule. */
import type { SequenceDataset } from '@seqlab/data';
import type { DataBinding, StepInfo, TrainingSession } from '@seqlab/tfjs';
import { describe, expect, it } from 'vitest';
import { GradWatch, median, watchInterval } from '../src/training/watch-grads.js';

const empty: SequenceDataset = {
  name: 'none',
  description: '',
  task: 'regress',
  fields: [],
  inputs: [],
  targets: [],
  splits: { train: [], valid: [], test: [] },
};

function step(step: number, gradNorm: number, clipped = false): StepInfo {
  return {
    epoch: 1,
    batch: step,
    batches: 100,
    step,
    loss: 1,
    gradNorm,
    clipped,
    lr: 1e-3,
    samples: step,
  };
}

describe('GradWatch', () => {
  it('warns once per burst when the global norm jumps above 10× its running median', () => {
    const notes: string[] = [];
    const watch = new GradWatch(1000, {
      session: {} as TrainingSession,
      dataset: empty,
      binding: {} as DataBinding,
      dir: '/nonexistent',
      note: (l) => notes.push(l),
    });
    let s = 0;
    for (let i = 0; i < 30; i++) watch.onStep(step(++s, 1 + (i % 3) * 0.1));
    expect(notes).toEqual([]);
    watch.onStep(step(++s, 9)); // below 10×: fine
    watch.onStep(step(++s, 50, true));
    watch.onStep(step(++s, 60));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /exploding gradient at step 32: global norm 50.0 is 45× the running median 1\.10 \(clipped\)/,
    );
    const summary = watch.summary()['watch_grads'] as Record<string, number>;
    expect(summary).toMatchObject({
      steps: 33,
      clipped_steps: 1,
      max_grad_norm: 60,
      max_grad_norm_step: 33,
      explosions: 2,
    });
    expect(watch.summaryLine()).toContain(
      'clipping fired in 1 of 33 steps (3.0%); largest global norm 60.0 (step 33)',
    );
  });

  it('parses the option and takes medians', () => {
    expect(watchInterval(undefined)).toBeNull();
    expect(watchInterval(true)).toBe(50);
    expect(watchInterval('7')).toBe(7);
    expect(() => watchInterval('0')).toThrow(/positive/);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
