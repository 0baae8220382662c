/**
 * Backpropagation through time for the vanilla tanh RNN, written as the textbook recurrence
 * (DESIGN.md section 1, the course notes section 3):
 *
 *   a_t = W_xh x_t + W_hh h_{t-1} + b_h,   h_t = tanh(a_t)
 *   δa_t = (1 − h_t²) ⊙ δh_t
 *   ΔW_xh += δa_t x_tᵀ,  ΔW_hh += δa_t h_{t−1}ᵀ,  Δb_h += δa_t
 *   δh_{t−1} = W_hhᵀ δa_t + ∂L/∂h_{t−1} (the direct loss term)
 *
 * Rows are examples (`h_t` is `[B, H]`), so `W x` is written `x Wᵀ`. With truncation `k`
 * the sequence is cut into chunks of k steps and δh does not cross a chunk boundary: the
 * gradient the trainer's `tbptt = k` takes, summed over its chunks. Everything is tfjs ops
 * in float32, so it can be compared with tfjs autodiff on the same forward pass.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** The RNN's parameters and inputs (PyTorch layouts). */
export interface TanhRnnParams {
  /** `[B, T, D]` inputs. */
  readonly x: Tensor;
  /** `[B, H]` initial state. */
  readonly h0: Tensor;
  /** `[H, D]`. */
  readonly wxh: Tensor;
  /** `[H, H]`. */
  readonly whh: Tensor;
  /** `[H]`. */
  readonly bh: Tensor;
}

/** Gradients of the loss with respect to everything the RNN reads. */
export interface TanhRnnGradients {
  readonly wxh: Tensor;
  readonly whh: Tensor;
  readonly bh: Tensor;
  /** `[B, H]`: gradient reaching the initial state. */
  readonly h0: Tensor;
  /** `[B, T, D]`. */
  readonly x: Tensor;
  /** `δh_t` for t = 1..T (each `[B, H]`): the total gradient at each hidden state. */
  readonly dh: Tensor[];
}

/** Forward pass: the hidden states h_1..h_T, each `[B, H]`. */
export function tanhRnnForward(tf: Tf, p: TanhRnnParams): Tensor[] {
  const steps = p.x.shape[1] ?? 0;
  const xs = tf.unstack(p.x, 1);
  const hs: Tensor[] = [];
  let h = p.h0;
  for (let t = 0; t < steps; t++) {
    const a = tf.add(
      tf.add(tf.matMul(xs[t] as Tensor, p.wxh, false, true), tf.matMul(h, p.whh, false, true)),
      p.bh,
    );
    h = tf.tanh(a);
    hs.push(h);
  }
  return hs;
}

/**
 * The backward pass. `hs` are the forward states; `direct[t]` is ∂L/∂h_{t+1} through the
 * loss alone (`[B, H]`, or null where the loss does not read that step). `truncate`: chunk
 * length k of truncated BPTT (default: the whole sequence). Call inside a tidy.
 */
export function tanhRnnBackward(
  tf: Tf,
  p: TanhRnnParams,
  hs: readonly Tensor[],
  direct: readonly (Tensor | null)[],
  truncate?: number,
): TanhRnnGradients {
  const steps = hs.length;
  if (truncate !== undefined && (!Number.isInteger(truncate) || truncate < 1)) {
    throw new Error(`tanhRnnBackward: truncate must be a positive integer, got ${truncate}`);
  }
  const k = truncate ?? steps;
  const xs = tf.unstack(p.x, 1);
  let dWxh = tf.zerosLike(p.wxh);
  let dWhh = tf.zerosLike(p.whh);
  let dbh = tf.zerosLike(p.bh);
  const dx = new Array<Tensor>(steps);
  const dh = new Array<Tensor>(steps);
  // δh flowing into step t from step t+1 (zero after the last step).
  let carry: Tensor = tf.zerosLike(p.h0);
  let dh0: Tensor = tf.zerosLike(p.h0);
  for (let t = steps - 1; t >= 0; t--) {
    const own = direct[t];
    const dht = own === null || own === undefined ? carry : tf.add(carry, own);
    dh[t] = dht;
    const ht = hs[t] as Tensor;
    const hPrev = t === 0 ? p.h0 : (hs[t - 1] as Tensor);
    const da = tf.mul(tf.sub(1, tf.square(ht)), dht);
    dWxh = tf.add(dWxh, tf.matMul(da, xs[t] as Tensor, true, false));
    dWhh = tf.add(dWhh, tf.matMul(da, hPrev, true, false));
    dbh = tf.add(dbh, tf.sum(da, 0));
    dx[t] = tf.matMul(da, p.wxh);
    const back = tf.matMul(da, p.whh);
    if (t === 0) dh0 = back;
    // A chunk boundary: the earlier chunk was a separate update that saw h_{t-1} as data.
    carry = t % k === 0 ? tf.zerosLike(p.h0) : back;
  }
  return { wxh: dWxh, whh: dWhh, bh: dbh, h0: dh0, x: tf.stack(dx, 1), dh };
}
