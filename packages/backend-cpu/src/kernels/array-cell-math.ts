/**
 * The per-unit arithmetic of the JS cell kernels (array-cells.ts): gate activations into a
 * scratch array (no allocation per element), and the backward step of one unit from them,
 * shared by the recomputing and the saving kernels.
 */
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Gate activations of one (b, j), shared by a cell and its gradient (no allocation per element). */
export const gate = new Float64Array(4);

/**
 * LSTM's i, f, g, o at unit j into `gate`: `x` and `r` are the row offsets of the step's
 * projection and recurrent product (PyTorch's gate order i, f, g, o).
 */
export function lstmGates(
  xw: Float32Array,
  rec: Float32Array,
  x: number,
  r: number,
  H: number,
  j: number,
) {
  gate[0] = sigmoid(xw[x + j]! + rec[r + j]!);
  gate[1] = sigmoid(xw[x + H + j]! + rec[r + H + j]!);
  gate[2] = Math.tanh(xw[x + 2 * H + j]! + rec[r + 2 * H + j]!);
  gate[3] = sigmoid(xw[x + 3 * H + j]! + rec[r + 3 * H + j]!);
}

/**
 * GRU's r, z, n and the recurrent n-part W_hn h + b_hn at unit j into `gate`, in that order
 * (the saved activations' order; b_hh is separate because n reads it inside r ⊙ ·).
 */
export function gruGates(
  xw: Float32Array,
  rec: Float32Array,
  bhh: Float32Array,
  x: number,
  r: number,
  H: number,
  j: number,
) {
  const rg = sigmoid(xw[x + j]! + rec[r + j]! + bhh[j]!);
  const hn = rec[r + 2 * H + j]! + bhh[2 * H + j]!;
  gate[0] = rg;
  gate[1] = sigmoid(xw[x + H + j]! + rec[r + H + j]! + bhh[H + j]!);
  gate[2] = Math.tanh(xw[x + 2 * H + j]! + rg * hn);
  gate[3] = hn;
}

/**
 * One LSTM unit's backward step, from the gates in `gate` (i, f, g, o) and `tc` = tanh c_t:
 * δ of the four gate pre-activations into `dg` (row offset `r`), δc_{t−1} into `dcPrev[i]`.
 */
export function lstmDeltas(
  dg: Float32Array,
  dcPrev: Float32Array,
  r: number,
  i: number,
  H: number,
  j: number,
  dh: number,
  dcIn: number,
  cPrev: number,
  tc: number,
): void {
  const ig = gate[0]!;
  const f = gate[1]!;
  const g = gate[2]!;
  const o = gate[3]!;
  const dc = dcIn + dh * o * (1 - tc * tc);
  dg[r + j] = dc * g * ig * (1 - ig);
  dg[r + H + j] = dc * cPrev * f * (1 - f);
  dg[r + 2 * H + j] = dc * ig * (1 - g * g);
  dg[r + 3 * H + j] = dh * tc * o * (1 - o);
  dcPrev[i] = dc * f;
}

/**
 * One GRU unit's backward step, from `gate` (r, z, n, W_hn h + b_hn): δxw_t and δrec (row
 * offset `r`; they differ in the n block, which r scales inside the cell) and the direct
 * δh_{t−1} into `direct[i]`.
 */
export function gruDeltas(
  dx: Float32Array,
  drec: Float32Array,
  direct: Float32Array,
  r: number,
  i: number,
  H: number,
  j: number,
  dh: number,
  hPrev: number,
): void {
  const rg = gate[0]!;
  const z = gate[1]!;
  const n = gate[2]!;
  const hn = gate[3]!;
  const dn = dh * (1 - z) * (1 - n * n);
  const dz = dh * (hPrev - n) * z * (1 - z);
  const dr = dn * hn * rg * (1 - rg);
  dx[r + j] = drec[r + j] = dr;
  dx[r + H + j] = drec[r + H + j] = dz;
  dx[r + 2 * H + j] = dn;
  drec[r + 2 * H + j] = dn * rg;
  direct[i] = dh * z;
}

/** Loads `n` saved activations of unit j (blocks of width H from offset `a`) into `gate`. */
export function loadGates(acts: Float32Array, a: number, H: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) gate[k] = acts[a + k * H + j]!;
}
