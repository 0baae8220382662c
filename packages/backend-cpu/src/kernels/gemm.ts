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
 * Row-major B wider than this (in floats) is packed before a long product: walking down one
 * of its columns steps 2 KB or more at a time, so the k rows a block of four columns touches
 * fall in a few cache sets and evict each other (`[256,6400]×[6400,1024]` ran at 1.2 GMAC/s
 * in place, 2.3 packed).
 */
const PACK_MIN_ROW = 512;
/** Depth of one packed block of B: four columns of it fill 4 KB, an eighth of L1. */
const KC = 256;
/** Rows of A per pass over a packed block: 64 rows of KC floats stay in L2. */
const MC = 64;

/**
 * c[cOffset..] (m x n) = a (m x k, row-major at aOffset) · B, B read through `lay` (so B
 * is never copied into another layout, except in blocks by `gemmPacked`). Two rows of C by
 * four columns at a time (`tile`), the last column(s) and row by `edges`. Each sum runs over
 * p in order, in float64 (tfjs-backend-cpu rounds its sums to float32 every 48 terms:
 * results agree to 1e-6).
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
  if (lay.jStride === 1 && lay.pStride >= PACK_MIN_ROW && k > KC && m >= 4) {
    gemmPacked(a, aOffset, b, lay, c, cOffset, m, k, n);
    return;
  }
  const { offset, pStride: ps, jStride: js } = lay;
  const m2 = m & ~1;
  const n4 = n & ~3;
  for (let i = 0; i < m2; i += 2) {
    for (let j = 0; j < n4; j += 4) {
      tile(a, aOffset + i * k, k, b, offset + j * js, ps, js, k, c, cOffset + i * n + j, n, false);
    }
  }
  edges(a, aOffset, b, lay, c, cOffset, m, k, n);
}

/**
 * `gemm` for a long product with wide row-major B, blocked as in GotoBLAS: B is copied KC
 * rows at a time into panels of four columns (`[KC, 4]`, contiguous), and each panel is
 * used by MC rows of A before the next. The sums of one block are added to C, so C holds
 * float32 partial sums between blocks (every 256 terms; tfjs rounds every 48).
 */
function gemmPacked(
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
  const m2 = m & ~1;
  const n4 = n & ~3;
  const panels = new Float32Array(KC * n4);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    packPanels(b, lay.offset + p0 * lay.pStride, lay.pStride, kc, n4, panels);
    for (let i0 = 0; i0 < m2; i0 += MC) {
      const i1 = Math.min(m2, i0 + MC);
      for (let j = 0; j < n4; j += 4) {
        for (let i = i0; i < i1; i += 2) {
          // The first block writes C (whatever it held); later blocks add to it.
          const c0 = cOffset + i * n + j;
          tile(a, aOffset + i * k + p0, k, panels, j * kc, 4, 1, kc, c, c0, n, p0 > 0);
        }
      }
    }
  }
  edges(a, aOffset, b, lay, c, cOffset, m, k, n);
}

/**
 * One block of C, two rows by four columns: rows `a0` and `a0 + aRow` of A against the four
 * columns of B at `bp` (`js` apart, rows `ps` apart), over `kc` terms. Eight sums in
 * registers for six loads a term (one row at a time: five loads for four sums; 1.3× at
 * [256,6400]×[6400,1024] here). `add`: add to C instead of writing it.
 */
function tile(
  a: Flat,
  a0: number,
  aRow: number,
  b: Flat,
  bp: number,
  ps: number,
  js: number,
  kc: number,
  c: Float32Array,
  c0: number,
  cRow: number,
  add: boolean,
): void {
  const a1 = a0 + aRow;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  for (let p = 0; p < kc; p++, bp += ps) {
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
  const c1 = c0 + cRow;
  if (add) {
    s00 += c[c0] as number;
    s01 += c[c0 + 1] as number;
    s02 += c[c0 + 2] as number;
    s03 += c[c0 + 3] as number;
    s10 += c[c1] as number;
    s11 += c[c1 + 1] as number;
    s12 += c[c1 + 2] as number;
    s13 += c[c1 + 3] as number;
  }
  c[c0] = s00;
  c[c0 + 1] = s01;
  c[c0 + 2] = s02;
  c[c0 + 3] = s03;
  c[c1] = s10;
  c[c1 + 1] = s11;
  c[c1 + 2] = s12;
  c[c1 + 3] = s13;
}

/**
 * `kc` rows of row-major B (from `from`, `stride` apart), columns 0..n4, into `panels`:
 * columns 4g..4g+3 as `[kc, 4]` at 4g·kc.
 */
function packPanels(
  b: Flat,
  from: number,
  stride: number,
  kc: number,
  n4: number,
  panels: Float32Array,
): void {
  for (let j = 0; j < n4; j += 4) {
    let to = j * kc;
    for (let p = 0, src = from + j; p < kc; p++, src += stride, to += 4) {
      panels[to] = b[src] as number;
      panels[to + 1] = b[src + 1] as number;
      panels[to + 2] = b[src + 2] as number;
      panels[to + 3] = b[src + 3] as number;
    }
  }
}

/** The parts of C the blocks of two rows by four columns leave: the last column(s), row. */
function edges(
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
  const m2 = m & ~1;
  for (let i = 0; i < m; i++) {
    for (let j = i < m2 ? n & ~3 : 0; j < n; j++) {
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
