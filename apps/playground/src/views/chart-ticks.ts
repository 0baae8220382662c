/**
 * Tick positions for the live charts. uPlot's defaults give one or two y ticks on a short
 * range and fractional steps (1.5) on the step axis; a reader needs a few values to read a
 * curve against, and training steps are whole numbers.
 */

/** The "nice" multipliers of a power of ten a tick spacing may use. */
const NICE = [1, 2, 2.5, 5, 10];

/**
 * At least `min` evenly spaced round values within [lo, hi] (more when a round spacing
 * allows), ascending. A degenerate range gives the one value.
 */
export function yTicks(lo: number, hi: number, min = 4): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi <= lo) return [lo];
  // The largest round spacing that still fits `min` ticks in the range.
  const raw = (hi - lo) / (min - 1);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [...NICE].reverse().find((m) => m * pow <= raw) ?? 1;
  const spacing = step * pow;
  const first = Math.ceil(lo / spacing - 1e-9) * spacing;
  const ticks: number[] = [];
  for (let v = first; v <= hi + spacing * 1e-9; v += spacing) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

/** Whole-number tick spacings for a step axis (uPlot picks the smallest that fits). */
export const STEP_INCREMENTS: readonly number[] = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500,
].concat([1e3, 2e3, 2.5e3, 5e3, 1e4, 2e4, 2.5e4, 5e4, 1e5, 2e5, 5e5, 1e6]);
