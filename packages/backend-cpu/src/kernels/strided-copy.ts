/**
 * Copies between flat arrays with strides: the one loop behind our slice, split and concat
 * kernels. The innermost dimension is copied with `set` when it is contiguous and long;
 * short rows go element by element (a `subarray` + `set` pair costs about a microsecond).
 */

import type { Flat } from './array-backend.js';

/** Rows shorter than this are copied with a loop rather than `set`. */
const SET_MIN = 128;

/** Copies `n` elements from `src[from..]` to `dst[to..]`. */
export function copyRun(src: Flat, from: number, dst: Flat, to: number, n: number): void {
  if (n >= SET_MIN) {
    dst.set(src.subarray(from, from + n), to);
    return;
  }
  for (let k = 0; k < n; k++) dst[to + k] = src[from + k] as number;
}

/**
 * out[i0, i1, ...] = x[offset + i0 * xStrides[0] + i1 * xStrides[1] + ...] for every index
 * of `shape`, writing `out` in row-major order.
 */
export function stridedCopy(
  x: Flat,
  offset: number,
  xStrides: readonly number[],
  shape: readonly number[],
  out: Flat,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[offset] as number;
    return;
  }
  const inner = shape[rank - 1] as number;
  const innerStride = xStrides[rank - 1] as number;
  let o = 0;
  const copyRow = (base: number): void => {
    if (innerStride === 1) {
      copyRun(x, base, out, o, inner);
      o += inner;
    } else {
      for (let k = 0; k < inner; k++) out[o++] = x[base + k * innerStride] as number;
    }
  };
  if (rank === 1) {
    copyRow(offset);
    return;
  }
  // Odometer over the outer dims.
  const outer = shape.slice(0, -1);
  const idx = new Array<number>(outer.length).fill(0);
  let base = offset;
  for (;;) {
    copyRow(base);
    let d = outer.length - 1;
    while (d >= 0) {
      idx[d] = (idx[d] as number) + 1;
      base += xStrides[d] as number;
      if ((idx[d] as number) < (outer[d] as number)) break;
      base -= (xStrides[d] as number) * (outer[d] as number);
      idx[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}
