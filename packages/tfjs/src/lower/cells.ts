/**
 * One time step of the built-in cells, with PyTorch's equations. The input projection
 * `x_t W_ih^T + b_ih` (and b_hh where it is additive) was hoisted out of the loop; here only
 * the recurrent product remains: one fused matMul for all gates.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** The recurrent state of one direction of one layer (c only for LSTMs). */
export interface CellState {
  readonly h: Tensor;
  readonly c: Tensor | null;
}

/** Advances the state by one step given the hoisted projection `xw` `[B, G*H]`. */
export type CellStep = (xw: Tensor, state: CellState) => CellState;

/** Per-direction weights: `whhT` is `W_hh^T` `[H, G*H]`, `bhh` only where not hoisted (GRU). */
export interface CellWeights {
  readonly whhT: Tensor;
  readonly bhh: Tensor | null;
  readonly hidden: number;
}

/** nn.RNN: `h' = act(W_ih x + b_ih + W_hh h + b_hh)`. */
export function rnnStep(tf: Tf, w: CellWeights, relu: boolean): CellStep {
  return (xw, { h }) => {
    const pre = tf.add(xw, tf.matMul(h, w.whhT));
    return { h: relu ? tf.relu(pre) : tf.tanh(pre), c: null };
  };
}

/**
 * nn.LSTM, gates i, f, g, o: `c' = f c + i g`, `h' = o tanh(c')`. One split (its gradient
 * is one concat) rather than four slices (four pads and their sums in the backward pass).
 */
export function lstmStep(tf: Tf, w: CellWeights): CellStep {
  return (xw, { h, c }) => {
    const [ip, fp, gp, op] = tf.split(tf.add(xw, tf.matMul(h, w.whhT)), 4, 1) as [
      Tensor,
      Tensor,
      Tensor,
      Tensor,
    ];
    const i = tf.sigmoid(ip);
    const g = tf.tanh(gp);
    const cNext = c === null ? tf.mul(i, g) : tf.add(tf.mul(tf.sigmoid(fp), c), tf.mul(i, g));
    return { h: tf.mul(tf.sigmoid(op), tf.tanh(cNext)), c: cNext };
  };
}

/**
 * nn.GRU, gates r, z, n: `n = tanh(W_in x + b_in + r (W_hn h + b_hn))`,
 * `h' = (1 - z) n + z h`, computed as `n + z (h - n)`.
 */
export function gruStep(tf: Tf, w: CellWeights): CellStep {
  return (xw, { h }) => {
    let gh = tf.matMul(h, w.whhT);
    if (w.bhh !== null) gh = tf.add(gh, w.bhh);
    const [xr, xz, xn] = tf.split(xw, 3, 1) as [Tensor, Tensor, Tensor];
    const [hr, hz, hn] = tf.split(gh, 3, 1) as [Tensor, Tensor, Tensor];
    const r = tf.sigmoid(tf.add(xr, hr));
    const z = tf.sigmoid(tf.add(xz, hz));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    return { h: tf.add(n, tf.mul(z, tf.sub(h, n))), c: null };
  };
}
