/**
 * Matrix products in plain JS for the cpu backend: C = op(A) · op(B), batched with
 * broadcasting of the batch dim. Transposed operands are first copied to row-major, so the
 * inner loop is always `c[i, :] += a[i, k] * b[k, :]` over contiguous rows, which V8 keeps
 * in registers; tfjs-backend-cpu's blocked loop recomputes indices per element (about 4x
 * slower at [32,64] x [64,256], measured in tools/bench/profile-step.ts).
 */
import type { Flat } from './array-backend.js';

/** One row-major matrix inside a flat array. */
export interface MatrixRef {
  readonly data: Flat;
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
}

/** `rows x cols` row-major copy of the transpose of `m` (`cols x rows` in memory). */
export function transposed(m: MatrixRef): Float32Array {
  const { data, offset, rows, cols } = m;
  const out = new Float32Array(rows * cols);
  // m is stored as [cols, rows]; out[i, j] = m_stored[j, i].
  for (let j = 0; j < cols; j++) {
    const from = offset + j * rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] = data[from + i] as number;
  }
  return out;
}

/** c[cOffset..] (m x n) = a (m x k) · b (k x n), all row-major and contiguous. */
export function gemm(
  a: Flat,
  aOffset: number,
  b: Flat,
  bOffset: number,
  c: Float32Array,
  cOffset: number,
  m: number,
  k: number,
  n: number,
): void {
  c.fill(0, cOffset, cOffset + m * n);
  for (let i = 0; i < m; i++) {
    const cRow = cOffset + i * n;
    const aRow = aOffset + i * k;
    for (let p = 0; p < k; p++) {
      // No skip of zero a values: 0 * NaN must stay NaN (the NaN-loss stop relies on it).
      const av = a[aRow + p] as number;
      const bRow = bOffset + p * n;
      for (let j = 0; j < n; j++)
        c[cRow + j] = (c[cRow + j] as number) + av * (b[bRow + j] as number);
    }
  }
}
