import { describe, expect, it } from 'vitest';
import { fitPlan, MIN_STEPS, PROBE_STARTUP_MS, runWithBudget } from './budget.js';
import type { Cell } from './cells.js';
import type { RunContext } from './engines.js';
import { DEFAULT_PLANS, SIZES, type Row, type StepPlan } from './rows.js';

const cell: Cell = {
  engine: 'tfjs-layers',
  runtime: 'node',
  backend: 'cpu',
  model: 'lstm',
  size: 'large',
  config: SIZES.large,
  plan: DEFAULT_PLANS.large,
  probe: 'gate',
};
const ctx: RunContext = { root: '.', cli: 'src', timeoutMs: 300_000, python: 'python3' };
const limits = { budgetMs: 4000, cellMs: 30_000 };

const measured = (c: Cell, step: number, infer = 0): Row => ({
  ...c,
  status: 'ok',
  msPerStep: step,
  inferMs: infer,
});

/** A fake engine: the probe (1 step, 0 warm-up) costs `probeMs`; records every call. */
function fake(probeMs: number, inferMs = 0) {
  const calls: { plan: StepPlan; timeoutMs: number }[] = [];
  const run = async (c: Cell, x: RunContext): Promise<Row> => {
    calls.push({ plan: c.plan, timeoutMs: x.timeoutMs });
    return measured(c, probeMs, inferMs);
  };
  return { calls, run };
}

describe('fitPlan', () => {
  it('keeps a plan that fits the cell time', () => {
    const plan = { steps: 20, warmup: 5 };
    expect(fitPlan(plan, 1000, 25_000)).toBe(plan);
  });

  it('cuts warm-up to 2 and the timed steps to what fits', () => {
    // 30 s at 2 s an iteration: 15 iterations, 2 of them warm-up.
    expect(fitPlan({ steps: 20, warmup: 5 }, 2000, 30_000)).toEqual({ steps: 13, warmup: 2 });
  });

  it('never goes below the minimum of timed steps', () => {
    expect(fitPlan({ steps: 20, warmup: 5 }, 60_000, 30_000)).toEqual({
      steps: MIN_STEPS,
      warmup: 2,
    });
  });
});

describe('runWithBudget', () => {
  it('runs an unprobed cell once, as planned', async () => {
    const f = fake(100);
    await runWithBudget({ ...cell, probe: 'none' }, ctx, limits, f.run);
    expect(f.calls).toEqual([{ plan: DEFAULT_PLANS.large, timeoutMs: 300_000 }]);
  });

  it('gate: skips a cell whose first step is over budget, with a short probe timeout', async () => {
    const f = fake(9000);
    const row = await runWithBudget(cell, ctx, limits, f.run);
    expect(f.calls).toEqual([
      { plan: { steps: 1, warmup: 0 }, timeoutMs: 4000 + PROBE_STARTUP_MS },
    ]);
    expect(row).toMatchObject({
      status: 'skipped',
      reason: 'first step took 9.0 s, over the 4.0 s budget',
    });
  });

  it('gate: a probe killed for time is a skip, any other probe failure an error', async () => {
    const failing =
      (message: string) =>
      async (c: Cell): Promise<Row> => ({
        ...c,
        status: 'error',
        message,
      });
    const slow = await runWithBudget(cell, ctx, limits, failing('timed out after 24 s'));
    expect(slow).toMatchObject({ status: 'skipped' });
    expect(slow.status === 'skipped' && slow.reason).toMatch(/unfinished after 24.0 s/);
    const broken = await runWithBudget(cell, ctx, limits, failing('exit 1: no kernel'));
    expect(broken).toMatchObject({
      status: 'error',
      message: 'exit 1: no kernel',
      plan: cell.plan,
    });
  });

  it('fit: never skips, runs the fitted plan after the probe', async () => {
    const f = fake(9000, 1000);
    const row = await runWithBudget({ ...cell, probe: 'fit' }, ctx, limits, f.run);
    expect(row.status).toBe('ok');
    expect(f.calls.map((c) => c.plan)).toEqual([
      { steps: 1, warmup: 0 },
      { steps: MIN_STEPS, warmup: 2 },
    ]);
    expect(f.calls.map((c) => c.timeoutMs)).toEqual([300_000, 300_000]);
  });

  it('gate: a probe within budget leads to the full plan when it fits', async () => {
    const f = fake(500, 100);
    await runWithBudget(cell, ctx, limits, f.run);
    expect(f.calls.map((c) => c.plan)).toEqual([{ steps: 1, warmup: 0 }, DEFAULT_PLANS.large]);
  });
});
