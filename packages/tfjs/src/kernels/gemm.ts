/**
 * Matrix products in plain JS for the cpu backend: C = op(A) · op(B), batched with
 * broadcasting of the batch dim. The kernel is the dot-product form `c[i, j] = a[i, :] ·
 * bᵀ[j, :]` over contiguous rows of A and of Bᵀ, four columns of C at a time: the four sums
 * stay in registers (JS numbers, i.e. float64, as tfjs-backend-cpu's sums are), each `a`
 * value loaded once per four products, and C is written once. B is transposed first unless
 * the caller's B already is Bᵀ (`transposeB`), A copied row-major if it is transposed.
 * tfjs-backend-cpu's blocked loop recomputes indices per element: about 4x slower at
 * [32,64] x [64,256] (tools/bench/profile-step.ts).
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

/**
 * c[cOffset..] (m x n) = a (m x k, row-major at aOffset) · bt (n x k, row-major at
 * btOffset)ᵀ: every product is a dot product of two contiguous rows.
 */
export function gemmNT(
  a: Flat,
  aOffset: number,
  bt: Flat,
  btOffset: number,
  c: Float32Array,
  cOffset: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const ar = aOffset + i * k;
    const cr = cOffset + i * n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = btOffset + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const av = a[ar + p] as number;
        s0 += av * (bt[b0 + p] as number);
        s1 += av * (bt[b1 + p] as number);
        s2 += av * (bt[b2 + p] as number);
        s3 += av * (bt[b3 + p] as number);
      }
      c[cr + j] = s0;
      c[cr + j + 1] = s1;
      c[cr + j + 2] = s2;
      c[cr + j + 3] = s3;
    }
    for (; j < n; j++) {
      const b0 = btOffset + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += (a[ar + p] as number) * (bt[b0 + p] as number);
      c[cr + j] = s;
    }
  }
}
