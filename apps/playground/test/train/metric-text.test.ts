import { describe, expect, it } from 'vitest';
import { epochShown } from '../../src/train/metric-text.js';

const at = (phase: string, epoch: number, batch: number) => ({
  phase,
  epoch,
  epochs: 3,
  batch,
  batches: 40,
});

describe('epochShown', () => {
  it('names the epoch being trained, and keeps it after a stop or pause part-way', () => {
    expect(epochShown(at('idle', 0, 0))).toBe(0);
    expect(epochShown(at('running', 0, 5))).toBe(1);
    expect(epochShown(at('stopped', 0, 5))).toBe(1);
    expect(epochShown(at('paused', 1, 12))).toBe(2);
    // Stopped at an epoch's end: the epochs completed.
    expect(epochShown(at('stopped', 2, 40))).toBe(2);
    expect(epochShown(at('done', 3, 40))).toBe(3);
  });
});
