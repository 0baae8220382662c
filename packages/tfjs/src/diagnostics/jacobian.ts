/**
 * The step Jacobian of a recurrence h_t = φ(a_t), a_t = W h_{t−1} + ...:
 * ∂h_t/∂h_{t−1} = diag(φ'(a_t)) W, with φ' = 1 − h_t² for tanh and 1[h_t > 0] for relu.
 * Its operator 2-norm bounds how much one step back can grow the gradient; the mean over
 * examples and steps is what the issue calls the mean Jacobian norm.
 */
import type { DenseMatrix } from './dense-matrix.js';
import { powerSigma } from './singular.js';

/**
 * Mean of ‖diag(φ'(a_t)) W‖₂ over the real (b, t). `states[t]` is h_t as `[B * S]`;
 * `real(b, t)` says whether step t of example b is a real (unpadded) step.
 */
export function meanJacobianNorm(
  w: DenseMatrix,
  states: readonly (Float32Array | null)[],
  batch: number,
  activation: 'tanh' | 'relu',
  real: (b: number, t: number) => boolean,
): number | null {
  const S = w.cols;
  const d = new Float64Array(S);
  const tmp = new Float64Array(w.rows);
  let warm: Float64Array | undefined;
  let sum = 0;
  let count = 0;
  states.forEach((h, t) => {
    if (h === null) return;
    for (let b = 0; b < batch; b++) {
      if (!real(b, t)) continue;
      for (let i = 0; i < S; i++) {
        const v = h[b * S + i] ?? 0;
        d[i] = activation === 'tanh' ? 1 - v * v : v > 0 ? 1 : 0;
      }
      // A = diag(d) W: A v = d ⊙ (W v); Aᵀ u = Wᵀ (d ⊙ u).
      const r = powerSigma(
        w.rows,
        S,
        (v, out) => {
          w.apply(v, out);
          for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * (d[i] as number);
          return out;
        },
        (u, out) => {
          for (let i = 0; i < u.length; i++) tmp[i] = (u[i] as number) * (d[i] as number);
          return w.applyTransposed(tmp, out);
        },
        // Neighbouring steps have similar Jacobians: start from the last one's vector.
        { maxIterations: 200, tolerance: 1e-7, ...(warm ? { start: warm } : {}) },
      );
      warm = r.vector;
      sum += r.sigma;
      count++;
    }
  });
  return count === 0 ? null : sum / count;
}
