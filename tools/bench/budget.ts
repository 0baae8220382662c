/**
 * Keeping `npm run bench` to about fifteen minutes on a small shared machine. A probed cell
 * first runs one cold step in its own child; a `gate` cell (cpu backend, large size) whose
 * step is over the budget is skipped, and any probed cell whose planned steps would take
 * longer than the cell time runs fewer of them (at least {@link MIN_STEPS}; its row records
 * the plan it ran). The cold step includes one-off costs, so the estimate errs long.
 */
import type { Cell } from './cells.js';
import { isTimeout } from './child.js';
import { baseOf, runCell, type RunContext } from './engines.js';
import type { Row, StepPlan } from './rows.js';

/** Fewest timed steps a median is taken over. */
export const MIN_STEPS = 3;

/** Time allowed for a gate probe beyond its budget: process start, compile, backend init. */
export const PROBE_STARTUP_MS = 20_000;

/** The time limits of a run. */
export interface Limits {
  /** A `gate` cell whose first step takes longer is skipped. */
  readonly budgetMs: number;
  /** Target wall time of one cell's warm-up and timed steps (training and inference). */
  readonly cellMs: number;
}

/**
 * The plan that fits `cellMs`, given one iteration (a step and an inference pass) costs
 * `iterMs`: `plan` itself when it fits, else at most 2 warm-up steps and as many timed
 * steps as fit, never fewer than {@link MIN_STEPS} nor more than planned.
 */
export function fitPlan(plan: StepPlan, iterMs: number, cellMs: number): StepPlan {
  if ((plan.warmup + plan.steps) * iterMs <= cellMs) return plan;
  const warmup = Math.min(plan.warmup, 2);
  const steps = Math.max(MIN_STEPS, Math.min(plan.steps, Math.floor(cellMs / iterMs) - warmup));
  return { steps, warmup };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Time `cell` within the limits (see the file comment). `run` is injectable for tests.
 * A probe that fails ends the cell: the same failure would only repeat.
 */
export async function runWithBudget(
  cell: Cell,
  ctx: RunContext,
  limits: Limits,
  run: (cell: Cell, ctx: RunContext) => Promise<Row> = runCell,
): Promise<Row> {
  if (cell.probe === 'none') return run(cell, ctx);
  const gate = cell.probe === 'gate';
  const probeCtx = gate
    ? { ...ctx, timeoutMs: Math.min(ctx.timeoutMs, limits.budgetMs + PROBE_STARTUP_MS) }
    : ctx;
  const probe = await run({ ...cell, plan: { steps: 1, warmup: 0 } }, probeCtx);
  const skip = (why: string): Row => ({ ...baseOf(cell), status: 'skipped', reason: why });
  if (probe.status === 'error') {
    if (gate && isTimeout(probe.message)) {
      return skip(
        `first step unfinished after ${seconds(probeCtx.timeoutMs)} (budget ${seconds(limits.budgetMs)})`,
      );
    }
    return { ...probe, plan: cell.plan };
  }
  if (probe.status === 'skipped') return probe;
  if (gate && probe.msPerStep > limits.budgetMs) {
    return skip(
      `first step took ${seconds(probe.msPerStep)}, over the ${seconds(limits.budgetMs)} budget`,
    );
  }
  const plan = fitPlan(cell.plan, probe.msPerStep + probe.inferMs, limits.cellMs);
  return run({ ...cell, plan }, ctx);
}
