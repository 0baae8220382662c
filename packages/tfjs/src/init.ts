/**
 * Parameter initialisers with PyTorch's definitions (`torch.nn.init`), drawn from our own
 * seeded PRNG so every backend starts from the same weights.
 */
import type { Param } from '@seqlab/ir';
import type { Rng } from './rng.js';

/** Fills a new Float32Array for `param` following its `init` (row-major, PyTorch layout). */
export function initParam(param: Param, rng: Rng): Float32Array {
  const size = param.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  const init = param.init;
  switch (init.kind) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'constant':
      return out.fill(init.value);
    case 'uniform':
      for (let i = 0; i < size; i++) out[i] = init.low + (init.high - init.low) * rng.uniform();
      return out;
    case 'normal':
      for (let i = 0; i < size; i++) out[i] = init.mean + init.std * rng.normal();
      return out;
    case 'xavier_uniform': {
      const { fanIn, fanOut } = fans(param.shape);
      const bound = init.gain * Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * bound;
      return out;
    }
    case 'orthogonal':
      return orthogonal(param.shape, init.gain, rng, out);
  }
}

/** PyTorch `_calculate_fan_in_and_fan_out`: dims 2.. are the receptive field. */
function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    // PyTorch refuses 1-D tensors; a vector is its own fan both ways here.
    const n = shape[0] ?? 1;
    return { fanIn: n, fanOut: n };
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: (shape[1] ?? 1) * receptive, fanOut: (shape[0] ?? 1) * receptive };
}

/**
 * `torch.nn.init.orthogonal_`: QR of a normal [rows, cols] matrix (transposed when wide) with
 * the signs fixed so R has a positive diagonal. Modified Gram-Schmidt in float64 yields that
 * same Q directly.
 */
function orthogonal(shape: readonly number[], gain: number, rng: Rng, out: Float32Array) {
  const rows = shape.length === 0 ? 1 : (shape[0] ?? 1);
  const cols = rows === 0 ? 0 : out.length / rows;
  const flat = new Float64Array(rows * cols);
  for (let i = 0; i < flat.length; i++) flat[i] = rng.normal();
  const wide = rows < cols;
  // Work on an [m, n] matrix with m >= n, stored as n columns of length m.
  const m = wide ? cols : rows;
  const n = wide ? rows : cols;
  const columns: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const col = new Float64Array(m);
    for (let i = 0; i < m; i++)
      col[i] = wide ? (flat[j * cols + i] ?? 0) : (flat[i * cols + j] ?? 0);
    columns.push(col);
  }
  for (let j = 0; j < n; j++) {
    const cj = columns[j] as Float64Array;
    for (let k = 0; k < j; k++) {
      const ck = columns[k] as Float64Array;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += (ck[i] ?? 0) * (cj[i] ?? 0);
      for (let i = 0; i < m; i++) cj[i] = (cj[i] ?? 0) - dot * (ck[i] ?? 0);
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += (cj[i] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < m; i++) cj[i] = (cj[i] ?? 0) / norm;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Q is [m, n]; the result is Q (tall) or Q^T (wide), i.e. element (r, c).
      const value = wide ? columns[r]?.[c] : columns[c]?.[r];
      out[r * cols + c] = gain * (value ?? 0);
    }
  }
  return out;
}
