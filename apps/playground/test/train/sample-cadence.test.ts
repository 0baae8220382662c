import { describe, expect, it } from 'vitest';
import { MAX_GAP, measureGap, SampleCadence, WARM_UP_GAP } from '../../src/train/sample-cadence.js';

describe('measurement cadence', () => {
  it('picks the smallest gap that keeps measuring within the budget', () => {
    // 20 ms per measurement, 10 ms per step, 10 %: 20 ≤ 0.1 · N · 10 needs N = 20.
    expect(measureGap(20, 10, 0.1)).toBe(20);
    expect(measureGap(21, 10, 0.1)).toBe(21);
    expect(measureGap(0.5, 10, 0.1)).toBe(1);
    expect(measureGap(0, 10)).toBe(1);
    expect(measureGap(5, 0)).toBe(MAX_GAP);
    expect(measureGap(1e9, 1)).toBe(MAX_GAP);
  });

  it('measures at the first step, soon again after the warm-up, then by the budget', () => {
    const c = new SampleCadence(0.1);
    expect(c.due(1)).toBe(true);
    // A first measurement of 5 s (shader compilation) must not set the pace.
    c.measured(1, 5000);
    expect(c.due(1 + WARM_UP_GAP - 1)).toBe(false);
    expect(c.due(1 + WARM_UP_GAP)).toBe(true);
    for (let i = 0; i < 3; i++) c.stepTook(10);
    c.measured(1 + WARM_UP_GAP, 30);
    expect(c.gap).toBe(30);
    expect(c.due(1 + WARM_UP_GAP + 29)).toBe(false);
    expect(c.due(1 + WARM_UP_GAP + 30)).toBe(true);
  });

  it('keeps a simulated run within its budget as costs drift', () => {
    const c = new SampleCadence(0.1);
    let training = 0;
    let measuring = 0;
    for (let step = 1; step <= 5000; step++) {
      // Steps slow down from 8 ms to 20 ms; a measurement costs 40 to 90 ms.
      const stepMs = 8 + (12 * step) / 5000;
      training += stepMs;
      c.stepTook(stepMs);
      if (c.due(step)) {
        const ms = 40 + 50 * Math.abs(Math.sin(step / 300));
        if (step > 1) measuring += ms;
        c.measured(step, ms);
      }
    }
    expect(measuring / training).toBeLessThan(0.11);
    // …and it does measure: not one sample per thousand steps.
    expect(measuring / training).toBeGreaterThan(0.05);
  });
});
