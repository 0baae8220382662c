/**
 * The largest singular value (the operator 2-norm) by power iteration on `A^T A`. Unlike
 * the eigen-iteration on a non-symmetric `A`, this one always converges: `A^T A` is symmetric
 * positive semi-definite, so its top eigenvalue is real and dominant.
 */
import type { DenseMatrix } from './dense-matrix.js';
import { norm2 } from './dense-matrix.js';

/** Options of {@link maxSingularValue}. */
export interface PowerOptions {
  /** Iteration cap (default 1000). */
  readonly maxIterations?: number;
  /** Stop when sigma changes by less than this, relatively (default 1e-12). */
  readonly tolerance?: number;
  /** Start vector (length `cols`); reused as a warm start across similar matrices. */
  readonly start?: Float64Array;
}

/** A deterministic, generic start vector (not orthogonal to any structured subspace). */
function startVector(n: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 1 + 0.5 * Math.sin(1.7 * i + 0.3);
  return v;
}

/**
 * sigma_max(`apply`), where `apply(v, out)` computes `A v` and `applyT(u, out)` computes
 * `A^T u`; `rows`/`cols` are A's shape. Returns sigma and the converged right vector.
 */
export function powerSigma(
  rows: number,
  cols: number,
  apply: (v: Float64Array, out: Float64Array) => Float64Array,
  applyT: (u: Float64Array, out: Float64Array) => Float64Array,
  opts: PowerOptions = {},
): { sigma: number; vector: Float64Array } {
  const maxIt = opts.maxIterations ?? 1000;
  const tol = opts.tolerance ?? 1e-12;
  let v: Float64Array =
    opts.start !== undefined ? Float64Array.from(opts.start) : startVector(cols);
  const u = new Float64Array(rows);
  let w: Float64Array = new Float64Array(cols);
  let sigma = 0;
  const n0 = norm2(v);
  if (n0 === 0) v = startVector(cols);
  else for (let i = 0; i < cols; i++) v[i] = (v[i] as number) / n0;
  for (let it = 0; it < maxIt; it++) {
    apply(v, u);
    const next = norm2(u);
    if (next === 0) return { sigma: 0, vector: v };
    applyT(u, w);
    const wn = norm2(w);
    for (let i = 0; i < cols; i++) w[i] = (w[i] as number) / wn;
    [v, w] = [w, v];
    if (Math.abs(next - sigma) <= tol * next) return { sigma: next, vector: v };
    sigma = next;
  }
  return { sigma, vector: v };
}

/** The largest singular value of `m` (any shape). */
export function maxSingularValue(m: DenseMatrix, opts: PowerOptions = {}): number {
  if (m.rows === 0 || m.cols === 0) return 0;
  return powerSigma(
    m.rows,
    m.cols,
    (v, out) => m.apply(v, out),
    (u, out) => m.applyTransposed(u, out),
    opts,
  ).sigma;
}
