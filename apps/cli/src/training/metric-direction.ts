/** Which way is better for each metric (early stopping and "best epoch"). */
const LOWER_IS_BETTER = new Set([
  'loss',
  'perplexity',
  'phoneme_error_rate',
  'character_error_rate',
  'mse',
  'mae',
  'rmse',
]);

/** True when `a` is a better value than `b` for `metric`. */
export function improves(metric: string, a: number, b: number): boolean {
  return LOWER_IS_BETTER.has(metric) ? a < b : a > b;
}
