/**
 * Float64 reference recurrences written from PyTorch's documented equations (nn.RNN,
 * nn.LSTM, nn.GRU; batch_first; packed-sequence semantics for lengths). Loops, no tfjs.
 */

/** Weights by PyTorch role, flat row-major. */
export type Weights = (role: string) => readonly number[];

/** Recurrence options. */
export interface RecurrentSpec {
  readonly kind: 'rnn' | 'lstm' | 'gru';
  readonly hidden: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly relu?: boolean;
  readonly bias?: boolean;
}

/** Reference outputs: seq [B][T][dirs*H], hN/cN [layers*dirs][B][H]. */
export interface RecurrentResult {
  readonly seq: number[][][];
  readonly hN: number[][][];
  readonly cN: number[][][];
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** y = W v (+ b) for flat W [rows, cols]. */
function affine(
  w: readonly number[],
  v: readonly number[],
  b: readonly number[] | null,
  rows: number,
) {
  const cols = v.length;
  const out = new Array<number>(rows).fill(0);
  for (let r = 0; r < rows; r++) {
    let s = b === null ? 0 : (b[r] ?? 0);
    for (let c = 0; c < cols; c++) s += (w[r * cols + c] ?? 0) * (v[c] ?? 0);
    out[r] = s;
  }
  return out;
}

function cell(
  spec: RecurrentSpec,
  W: Weights,
  layer: number,
  suffix: string,
  x: readonly number[],
  h: number[],
  c: number[],
): { h: number[]; c: number[] } {
  const H = spec.hidden;
  const G = spec.kind === 'lstm' ? 4 : spec.kind === 'gru' ? 3 : 1;
  const bias = spec.bias ?? true;
  const gi = affine(
    W(`weight_ih_l${layer}${suffix}`),
    x,
    bias ? W(`bias_ih_l${layer}${suffix}`) : null,
    G * H,
  );
  const gh = affine(
    W(`weight_hh_l${layer}${suffix}`),
    h,
    bias ? W(`bias_hh_l${layer}${suffix}`) : null,
    G * H,
  );
  const at = (a: number[], i: number): number => a[i] ?? 0;
  if (spec.kind === 'rnn') {
    const hn = gi
      .map((v, i) => v + at(gh, i))
      .map((v) => (spec.relu ? Math.max(0, v) : Math.tanh(v)));
    return { h: hn, c };
  }
  if (spec.kind === 'lstm') {
    const hn: number[] = [];
    const cn: number[] = [];
    for (let j = 0; j < H; j++) {
      const i = sigmoid(at(gi, j) + at(gh, j));
      const f = sigmoid(at(gi, H + j) + at(gh, H + j));
      const g = Math.tanh(at(gi, 2 * H + j) + at(gh, 2 * H + j));
      const o = sigmoid(at(gi, 3 * H + j) + at(gh, 3 * H + j));
      cn[j] = f * at(c, j) + i * g;
      hn[j] = o * Math.tanh(at(cn, j));
    }
    return { h: hn, c: cn };
  }
  const hn: number[] = [];
  for (let j = 0; j < H; j++) {
    const r = sigmoid(at(gi, j) + at(gh, j));
    const z = sigmoid(at(gi, H + j) + at(gh, H + j));
    const n = Math.tanh(at(gi, 2 * H + j) + r * at(gh, 2 * H + j));
    hn[j] = (1 - z) * n + z * at(h, j);
  }
  return { h: hn, c };
}

/** Runs the reference recurrence on x [B][T][D]. */
export function recurrentRef(
  spec: RecurrentSpec,
  W: Weights,
  x: readonly (readonly (readonly number[])[])[],
  lengths?: readonly number[],
  h0?: readonly (readonly (readonly number[])[])[],
  c0?: readonly (readonly (readonly number[])[])[],
): RecurrentResult {
  const B = x.length;
  const T = x[0]?.length ?? 0;
  const H = spec.hidden;
  const dirs = spec.bidirectional ? 2 : 1;
  let input: number[][][] = x.map((row) => row.map((v) => [...v]));
  const hN: number[][][] = [];
  const cN: number[][][] = [];
  for (let l = 0; l < spec.layers; l++) {
    const next: number[][][] = Array.from({ length: B }, () =>
      Array.from({ length: T }, () => new Array<number>(dirs * H).fill(0)),
    );
    for (let d = 0; d < dirs; d++) {
      const suffix = d === 1 ? '_reverse' : '';
      const idx = l * dirs + d;
      const hFinal: number[][] = [];
      const cFinal: number[][] = [];
      for (let b = 0; b < B; b++) {
        const len = lengths?.[b] ?? T;
        let h = [...(h0?.[idx]?.[b] ?? new Array<number>(H).fill(0))];
        let c = [...(c0?.[idx]?.[b] ?? new Array<number>(H).fill(0))];
        for (let s = 0; s < len; s++) {
          const t = d === 1 ? len - 1 - s : s;
          const out = cell(spec, W, l, suffix, input[b]?.[t] ?? [], h, c);
          h = out.h;
          c = out.c;
          const row = next[b]?.[t];
          if (row) for (let j = 0; j < H; j++) row[d * H + j] = h[j] ?? 0;
        }
        hFinal.push(h);
        cFinal.push(c);
      }
      hN.push(hFinal);
      cN.push(cFinal);
    }
    input = next;
  }
  return { seq: input, hN, cN };
}
