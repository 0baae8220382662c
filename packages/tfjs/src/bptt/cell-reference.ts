/**
 * The six cell operations of cell-ops.ts composed of tfjs ops: what runs on a backend
 * without seqlab's kernels, and the reference the kernels are tested against. The
 * derivatives are the textbook ones (course notes, section 3). The recomputing operations
 * rebuild the activations from `rec` (and c); the saving ones keep them from the forward
 * step (cell-ops.ts).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import type { CellAttrs, CellKernelName } from './cell-ops.js';

type Inputs = Record<string, Tensor>;
type Reference = (tf: Tf, inputs: Inputs, attrs: CellAttrs) => Tensor[];

function get(inputs: Inputs, name: string): Tensor {
  const t = inputs[name];
  if (t === undefined) throw new Error(`cell operation: input '${name}' is missing`);
  return t;
}

/** Step `t` of a time-major `[T, B, N]` tensor, as `[B, N]`. */
function stepOf(tf: Tf, x: Tensor, t: number): Tensor {
  const [, batch = 0, width = 0] = x.shape;
  return tf.reshape(tf.slice(x, [t, 0, 0], [1, -1, -1]), [batch, width]);
}

/** The total gradient at h_t: from later steps plus the loss's own at step t. */
const totalDh = (tf: Tf, inputs: Inputs, t: number): Tensor =>
  tf.add(get(inputs, 'carry'), stepOf(tf, get(inputs, 'dy'), t));

/** σ′ written with the output: s(1 − s). */
const sigmoidSlope = (tf: Tf, s: Tensor): Tensor => tf.mul(s, tf.sub(1, s));

/** tanh′ written with the output: 1 − y². */
const tanhSlope = (tf: Tf, y: Tensor): Tensor => tf.sub(1, tf.square(y));

function lstmGates(tf: Tf, inputs: Inputs, t: number) {
  const pre = tf.add(stepOf(tf, get(inputs, 'xw'), t), get(inputs, 'rec'));
  const [i, f, g, o] = tf.split(pre, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
  return { i: tf.sigmoid(i), f: tf.sigmoid(f), g: tf.tanh(g), o: tf.sigmoid(o) };
}

function gruGates(tf: Tf, inputs: Inputs, t: number) {
  const [xr, xz, xn] = tf.split(stepOf(tf, get(inputs, 'xw'), t), 3, 1) as [Tensor, Tensor, Tensor];
  const rec = tf.add(get(inputs, 'rec'), get(inputs, 'bhh'));
  const [hr, hz, hn] = tf.split(rec, 3, 1) as [Tensor, Tensor, Tensor];
  const r = tf.sigmoid(tf.add(xr, hr));
  const z = tf.sigmoid(tf.add(xz, hz));
  const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
  return { r, z, n, hn };
}

/** Column block k (of width H) of a `[B, n·H]` tensor. */
const block = (tf: Tf, x: Tensor, k: number, H: number): Tensor => tf.slice(x, [0, k * H], [-1, H]);

/** An LSTM step's activations: the gates and tanh c_t. */
type LstmActs = Record<'i' | 'f' | 'g' | 'o' | 'tc', Tensor>;
/** A GRU step's activations: the gates and the recurrent n-part W_hn h + b_hn. */
type GruActs = Record<'r' | 'z' | 'n' | 'hn', Tensor>;

/** LSTM's δgates and δc_{t−1} from the activations. */
function lstmBackward(tf: Tf, inputs: Inputs, t: number, a: LstmActs): Tensor[] {
  const { i, f, g, o, tc } = a;
  const dh = totalDh(tf, inputs, t);
  const dc = tf.add(get(inputs, 'dc'), tf.mul(tf.mul(dh, o), tanhSlope(tf, tc)));
  const di = tf.mul(tf.mul(dc, g), sigmoidSlope(tf, i));
  const df = tf.mul(tf.mul(dc, get(inputs, 'cPrev')), sigmoidSlope(tf, f));
  const dg = tf.mul(tf.mul(dc, i), tanhSlope(tf, g));
  const dO = tf.mul(tf.mul(dh, tc), sigmoidSlope(tf, o));
  return [tf.concat([di, df, dg, dO], 1), tf.mul(dc, f)];
}

/** GRU's δxw_t, δrec and direct δh_{t−1} from the activations. */
function gruBackward(tf: Tf, inputs: Inputs, t: number, a: GruActs): Tensor[] {
  const { r, z, n, hn } = a;
  const dh = totalDh(tf, inputs, t);
  const dn = tf.mul(tf.mul(dh, tf.sub(1, z)), tanhSlope(tf, n));
  const dz = tf.mul(tf.mul(dh, tf.sub(get(inputs, 'hPrev'), n)), sigmoidSlope(tf, z));
  const dr = tf.mul(tf.mul(dn, hn), sigmoidSlope(tf, r));
  return [tf.concat([dr, dz, dn], 1), tf.concat([dr, dz, tf.mul(dn, r)], 1), tf.mul(dh, z)];
}

function lstmForward(tf: Tf, inputs: Inputs, t: number) {
  const a = lstmGates(tf, inputs, t);
  const c = tf.add(tf.mul(a.f, get(inputs, 'c')), tf.mul(a.i, a.g));
  const tc = tf.tanh(c);
  return { ...a, c, tc, h: tf.mul(a.o, tc) };
}

/** The composed reference of each cell kernel. */
export const REFERENCE_CELLS: Record<CellKernelName, Reference> = {
  SeqlabTanhCell: (tf, inputs, { t }) => [
    tf.tanh(tf.add(stepOf(tf, get(inputs, 'xw'), t), get(inputs, 'rec'))),
  ],
  SeqlabTanhCellGrad: (tf, inputs, { t }) => [
    tf.mul(tanhSlope(tf, get(inputs, 'h')), totalDh(tf, inputs, t)),
  ],
  SeqlabLstmCell: (tf, inputs, { t }) => {
    const { c, h } = lstmForward(tf, inputs, t);
    return [c, h];
  },
  SeqlabLstmCellGrad: (tf, inputs, { t }) => {
    const a = lstmGates(tf, inputs, t);
    return lstmBackward(tf, inputs, t, { ...a, tc: tf.tanh(get(inputs, 'c')) });
  },
  SeqlabLstmCellSave: (tf, inputs, { t }) => {
    const { c, h, i, f, g, o, tc } = lstmForward(tf, inputs, t);
    return [c, h, tf.concat([i, f, g, o, tc], 1)];
  },
  SeqlabLstmCellGradSaved: (tf, inputs, { t, hidden: H }) => {
    const acts = get(inputs, 'acts');
    const [i, f, g, o, tc] = [0, 1, 2, 3, 4].map((k) => block(tf, acts, k, H)) as Tensor[];
    return lstmBackward(tf, inputs, t, { i, f, g, o, tc } as LstmActs);
  },
  SeqlabGruCell: (tf, inputs, { t }) => {
    const { z, n } = gruGates(tf, inputs, t);
    return [tf.add(n, tf.mul(z, tf.sub(get(inputs, 'h'), n)))];
  },
  SeqlabGruCellGrad: (tf, inputs, { t }) => gruBackward(tf, inputs, t, gruGates(tf, inputs, t)),
  SeqlabGruCellSave: (tf, inputs, { t }) => {
    const { r, z, n, hn } = gruGates(tf, inputs, t);
    return [tf.add(n, tf.mul(z, tf.sub(get(inputs, 'h'), n))), tf.concat([r, z, n, hn], 1)];
  },
  SeqlabGruCellGradSaved: (tf, inputs, { t, hidden: H }) => {
    const acts = get(inputs, 'acts');
    const [r, z, n, hn] = [0, 1, 2, 3].map((k) => block(tf, acts, k, H)) as Tensor[];
    return gruBackward(tf, inputs, t, { r, z, n, hn } as GruActs);
  },
};
