/**
 * Verdicts and suggestions. The verdict reads the ratio r = ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖
 * over the whole sequence: how much of the gradient at the last step survives the trip back
 * to the first. Thresholds: r < 1e−3 is `vanishing` (less than a thousandth arrives: the
 * first steps barely learn), r > 1e3 is `exploding` (one step's update is dominated by the
 * distant past and grows with T), anything between is `healthy`. The thresholds are on the
 * whole span, so a layer can be healthy at T = 10 and vanishing at T = 100, which is the
 * point: long-range dependencies are what fail.
 */
import { recurrenceOf, type RecurrentName } from '@seqlab/ir';
import type { Verdict } from './types.js';

/** Below this ratio the gradient has vanished. */
export const VANISHING_BELOW = 1e-3;
/** Above this ratio the gradient has exploded. */
export const EXPLODING_ABOVE = 1e3;

/** The verdict for a ratio (null: no gradient reaches the layer at all). */
export function verdictOf(ratio: number | null): Verdict {
  if (ratio === null || ratio < VANISHING_BELOW) return 'vanishing';
  if (ratio > EXPLODING_ABOVE) return 'exploding';
  return 'healthy';
}

/** What to try, given the verdict and the kind of recurrence. */
export function suggestionFor(
  verdict: Verdict,
  op: RecurrentName | 'scan',
  ratio: number | null,
): string {
  if (ratio === null) {
    return (
      'no gradient reaches the step where this recurrence ends (e.g. the reverse half of a ' +
      'bidirectional layer read with `last`: read its final state, `.h`, instead)'
    );
  }
  if (verdict === 'exploding') {
    return (
      'clip the global gradient norm (clip_norm = 1.0 in the train block); start W_hh with a ' +
      'spectral radius below 1 (e.g. orthogonal(gain = 0.9) for a cell parameter); truncated ' +
      'BPTT (tbptt = 20) keeps the products short'
    );
  }
  if (verdict === 'vanishing') {
    if (op !== 'scan' && recurrenceOf(op)?.gated === true) {
      return (
        'even the gated cell loses the signal over this span: add a loss at every step, ' +
        'shorten the sequences, or raise the forget-gate bias (LSTM) so the cell keeps its state'
      );
    }
    if (op === 'scan') {
      return (
        'gate the recurrence (lstm(...), gru(...) or a cell with a forget gate) or start its ' +
        'recurrent matrix orthogonal (spectral radius 1); truncated BPTT does not help here'
      );
    }
    return (
      'use a gated cell (lstm(...) or gru(...)); or start W_hh orthogonal so its spectral ' +
      'radius is 1; truncated BPTT does not help here (it cuts the path even shorter)'
    );
  }
  return 'none needed: the gradient reaches the first step within a factor of 1000';
}
