/**
 * Matrix products in plain JS for the cpu backend: C = op(A) · op(B), batched with
 * broadcasting of the batch dim. The kernel is the dot-product form `c[i, j] = a[i, :] ·
 * b[:, j]` over contiguous rows of A, a block of two rows and four columns of C at a time:
 * the eight sums stay in registers (JS numbers, i.e. float64) and C is written once. B is
 * read in place in either layout (`BLayout`); A is copied row-major if it is transposed.
 * tfjs-backend-cpu's blocked loop recomputes indices per element: 0.37 GMAC/s against
 * about 1.9 for this one (tools/bench/matmul-throughput.ts cpu).
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
 * Where B's elements are: B[p, j] at `offset + p * pStride + j * jStride`. Row-major B
 * (`[k, n]`) has pStride n and jStride 1; a row-major Bᵀ (`[n, k]`) has pStride 1, jStride k.
 */
export interface BLayout {
  readonly offset: number;
  readonly pStride: number;
  readonly jStride: number;
}

/**
 * c[cOffset..] (m x n) = a (m x k, row-major at aOffset) · B, B read through `lay` (so B
 * is never copied into another layout). Two rows of C and four columns at a time: eight
 * sums in registers for six loads per step of k (one row at a time: five loads for four
 * sums; 1.3× at [256,6400]×[6400,1024] here). Each sum runs over p in order, in float64
 * (tfjs-backend-cpu rounds its sums to float32 every 48 terms: results agree to 1e-6).
 */
export function gemm(
  a: Flat,
  aOffset: number,
  b: Flat,
  lay: BLayout,
  c: Float32Array,
  cOffset: number,
  m: number,
  k: number,
  n: number,
): void {
  const { offset, pStride: ps, jStride: js } = lay;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = aOffset + i * k;
    const a1 = a0 + k;
    const c0 = cOffset + i * n;
    const c1 = c0 + n;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let bp = offset + j * js;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let p = 0; p < k; p++, bp += ps) {
        const x0 = a[a0 + p] as number;
        const x1 = a[a1 + p] as number;
        const y0 = b[bp] as number;
        const y1 = b[bp + js] as number;
        const y2 = b[bp + 2 * js] as number;
        const y3 = b[bp + 3 * js] as number;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      c[c0 + j] = s00;
      c[c0 + j + 1] = s01;
      c[c0 + j + 2] = s02;
      c[c0 + j + 3] = s03;
      c[c1 + j] = s10;
      c[c1 + j + 1] = s11;
      c[c1 + j + 2] = s12;
      c[c1 + j + 3] = s13;
    }
    for (; j < n; j++) {
      c[c0 + j] = dot(a, a0, b, offset + j * js, ps, k);
      c[c1 + j] = dot(a, a1, b, offset + j * js, ps, k);
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) {
      c[cOffset + i * n + j] = dot(a, aOffset + i * k, b, offset + j * js, ps, k);
    }
  }
}

/** Σ_p x[xo + p] · y[yo + p·ys], in float64. */
function dot(x: Flat, xo: number, y: Flat, yo: number, ys: number, k: number): number {
  let s = 0;
  for (let p = 0; p < k; p++) s += (x[xo + p] as number) * (y[yo + p * ys] as number);
  return s;
}
