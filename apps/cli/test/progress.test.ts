import { describe, expect, it } from 'vitest';
import { LineProgress } from '../src/training/progress.js';

const info = (batch: number, batches: number) => ({
  epoch: 1,
  batch,
  batches,
  step: batch,
  loss: 0.5,
  gradNorm: 1,
  clipped: false,
  lr: 1e-3,
  samples: batch * 64,
});

describe('LineProgress (no terminal)', () => {
  it('prints a line at each tenth of an epoch, not at every step, then the summary', () => {
    const lines: string[] = [];
    const p = new LineProgress((l) => lines.push(l));
    p.startEpoch(1, 3);
    for (let b = 1; b <= 100; b++) p.step(info(b, 100));
    p.endEpoch('epoch 1/3 done');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^epoch 1\/3 10% \| loss 0\.5000 \| [\d,]+ samples\/s \| ETA /);
    expect(lines[8]).toMatch(/^epoch 1\/3 90% /);
    expect(lines[9]).toBe('epoch 1/3 done\n');
  });

  it('skips tenths a short epoch jumps over instead of repeating them', () => {
    const lines: string[] = [];
    const p = new LineProgress((l) => lines.push(l));
    p.startEpoch(2, 2);
    for (let b = 1; b <= 3; b++) p.step(info(b, 3));
    expect(lines.map((l) => l.split(' ')[2])).toEqual(['30%', '60%']);
  });
});
