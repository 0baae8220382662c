/** Learning-rate schedules, as a pure function of the step index. */
import type { ScheduleSpec } from './types.js';

/**
 * The learning rate at 0-based `step`. `warmup` and `cosine` ramp linearly up to `base` over
 * their warmup steps (reaching it at step warmup - 1); `cosine` then decays to 0 at `total`.
 */
export function scheduledLearningRate(
  base: number,
  schedule: ScheduleSpec | undefined,
  step: number,
): number {
  if (schedule === undefined) return base;
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.gamma ** Math.floor(step / Math.max(1, schedule.every));
    case 'warmup':
      return base * Math.min(1, (step + 1) / Math.max(1, schedule.steps));
    case 'cosine': {
      if (step < schedule.warmup) return (base * (step + 1)) / schedule.warmup;
      const span = Math.max(1, schedule.total - schedule.warmup);
      const progress = Math.min(1, (step - schedule.warmup) / span);
      return base * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}
