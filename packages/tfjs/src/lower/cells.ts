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

const cols = (tf: Tf, t: Tensor, start: number, size: number): Tensor =>
  tf.slice(t, [0, start], [-1, size]);

/** nn.RNN: `h' = act(W_ih x + b_ih + W_hh h + b_hh)`. */
export function rnnStep(tf: Tf, w: CellWeights, relu: boolean): CellStep {
  return (xw, { h }) => {
    const pre = tf.add(xw, tf.matMul(h, w.whhT));
    return { h: relu ? tf.relu(pre) : tf.tanh(pre), c: null };
  };
}

/** nn.LSTM, gates i, f, g, o: `c' = f c + i g`, `h' = o tanh(c')`. */
export function lstmStep(tf: Tf, w: CellWeights): CellStep {
  const H = w.hidden;
  return (xw, { h, c }) => {
    const gates = tf.add(xw, tf.matMul(h, w.whhT));
    const sig = tf.sigmoid(gates); // one kernel for i, f and o (the g block is unused)
    const i = cols(tf, sig, 0, H);
    const f = cols(tf, sig, H, H);
    const o = cols(tf, sig, 3 * H, H);
    const g = tf.tanh(cols(tf, gates, 2 * H, H));
    const cNext = c === null ? tf.mul(i, g) : tf.add(tf.mul(f, c), tf.mul(i, g));
    return { h: tf.mul(o, tf.tanh(cNext)), c: cNext };
  };
}

/**
 * nn.GRU, gates r, z, n: `n = tanh(W_in x + b_in + r (W_hn h + b_hn))`,
 * `h' = (1 - z) n + z h`, computed as `n + z (h - n)`.
 */
export function gruStep(tf: Tf, w: CellWeights): CellStep {
  const H = w.hidden;
  return (xw, { h }) => {
    let gh = tf.matMul(h, w.whhT);
    if (w.bhh !== null) gh = tf.add(gh, w.bhh);
    const rz = tf.sigmoid(tf.add(cols(tf, xw, 0, 2 * H), cols(tf, gh, 0, 2 * H)));
    const r = cols(tf, rz, 0, H);
    const z = cols(tf, rz, H, H);
    const n = tf.tanh(tf.add(cols(tf, xw, 2 * H, H), tf.mul(r, cols(tf, gh, 2 * H, H))));
    return { h: tf.add(n, tf.mul(z, tf.sub(h, n))), c: null };
  };
}
