/**
 * seqlab's size limits, checked before anything is built: the playground compiles on every
 * keystroke, so `layers = 1e23` must be a diagnostic, not a frozen tab. Documented in
 * docs/language.md ("Limits"); `--set` values pass through the same checks.
 */

/** Largest width, dimension, vocabulary, kernel, stride or other integer layer argument. */
export const MAX_SIZE = 1_048_576;

/** Most stacked layers one recurrence may have (`layers = ...`). */
export const MAX_LAYERS = 256;

/**
 * Most parameters (weights) one model may have: 1e9 float32 numbers are 4 GB, more than
 * a browser tab or one wasm memory can hold, before the optimiser's copies.
 */
export const MAX_PARAMETERS = 1_000_000_000;

/** `1234567` as `1,234,567` (and `1e+23` for numbers past exact integers). */
export function showCount(n: number): string {
  return Number.isSafeInteger(n) ? n.toLocaleString('en-US') : n.toExponential(3);
}
