/**
 * A small row-major float64 matrix for the diagnostics' linear algebra (eigenvalues,
 * singular values of recurrent weights). Weights come from the device as float32; the
 * analysis runs in float64 in JS so its own rounding never hides what it measures.
 */

/** A dense `rows x cols` matrix, row-major. */
export class DenseMatrix {
  readonly data: Float64Array;

  constructor(
    readonly rows: number,
    readonly cols: number,
    data?: ArrayLike<number>,
  ) {
    if (data !== undefined && data.length !== rows * cols) {
      throw new Error(`DenseMatrix: ${data.length} values for a ${rows}x${cols} matrix`);
    }
    this.data = data === undefined ? new Float64Array(rows * cols) : Float64Array.from(data);
  }

  /** Element (i, j), 0-based. */
  at(i: number, j: number): number {
    return this.data[i * this.cols + j] as number;
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** A copy of rows [start, start + count) (a gate block of a stacked `[G*H, H]` weight). */
  rowBlock(start: number, count: number): DenseMatrix {
    return new DenseMatrix(
      count,
      this.cols,
      this.data.subarray(start * this.cols, (start + count) * this.cols),
    );
  }

  /** `this @ v` for a vector of length `cols`. */
  apply(v: Float64Array, out: Float64Array = new Float64Array(this.rows)): Float64Array {
    for (let i = 0; i < this.rows; i++) {
      let s = 0;
      const row = i * this.cols;
      for (let j = 0; j < this.cols; j++) s += (this.data[row + j] as number) * (v[j] as number);
      out[i] = s;
    }
    return out;
  }

  /** `this^T @ v` for a vector of length `rows`. */
  applyTransposed(v: Float64Array, out: Float64Array = new Float64Array(this.cols)): Float64Array {
    out.fill(0);
    for (let i = 0; i < this.rows; i++) {
      const vi = v[i] as number;
      if (vi === 0) continue;
      const row = i * this.cols;
      for (let j = 0; j < this.cols; j++)
        out[j] = (out[j] as number) + vi * (this.data[row + j] as number);
    }
    return out;
  }

  /** The identity scaled by `value` (a scalar recurrence `w * h` as a matrix). */
  static scalar(n: number, value: number): DenseMatrix {
    const m = new DenseMatrix(n, n);
    for (let i = 0; i < n; i++) m.set(i, i, value);
    return m;
  }
}

/** Euclidean norm. */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
  return Math.sqrt(s);
}
