/**
 * One direction of the built-in tanh `rnn` OVER A PADDED BATCH as a single tfjs op with the
 * explicit BPTT recurrence as its gradient (`tf.customGrad`); unpadded batches (and lstm,
 * gru) take explicit-recurrence.ts, a loop of cell kernels. Autodiff of the unrolled loop records every
 * step's matMul/add/tanh on the tape and replays each one's gradient (two matMuls per step,
 * one of them for ΔW_hh). Here the backward pass is the textbook loop
 * `δa_t = (1 − h_t²) ⊙ δh_t`, `δh_{t−1} = δa_t W_hh`, and ΔW_hh = Σ_t δa_tᵀ h_{t−1} is one
 * `[H, B·T] x [B·T, H]` product after the loop. tools/bench/bptt-bench.ts measures it 1.4–3×
 * faster than autodiff on wasm since seqlab's wasm kernels removed the O(T²) unstack that ate
 * the saving there, and within 15 % on cpu (before seqlab's cpu kernels it was the other way
 * round); the lowering uses it unless `rnnGradient` says otherwise.
 *
 * The forward pass does exactly what the generic loop in lower/recurrent.ts does (same ops in
 * the same order), so its outputs are bit-identical; padded steps (mask 0) hold the state
 * and emit zeros, as packed sequences do.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** What one direction returns: the emitted sequence and the final state. */
export interface RnnDirectionResult {
  /** `[B, T, H]`. */
  readonly sequence: Tensor;
  /** `[B, H]`. */
  readonly final: Tensor;
}

/**
 * Runs `h_t = tanh(xw_t + h_{t−1} W_hhᵀ)` over `xw` `[B, T, H]` (the hoisted input
 * projection with its biases) from `h0` `[B, H]`. `mask` `[B, T]` (1 = real step) or null;
 * `reverse` walks t = T−1 .. 0. Differentiable in xw, whh and h0.
 */
export function tanhRnnDirection(
  tf: Tf,
  xw: Tensor,
  whh: Tensor,
  h0: Tensor,
  mask: Tensor | null,
  reverse: boolean,
): RnnDirectionResult {
  const [batch = 0, steps = 0, hidden = 0] = xw.shape;
  const order = Array.from({ length: steps }, (_, s) => (reverse ? steps - 1 - s : s));
  const run = tf.customGrad((...args: unknown[]) => {
    const [x, w, init, save] = args as [Tensor, Tensor, Tensor, (ts: Tensor[]) => void];
    // Intermediates are freed here; customGrad keeps only `value` and what `save` clones.
    const [value, pre, states, keeps] = tf.tidy(() => {
      const whhT = tf.transpose(w);
      // Time-major before cutting into steps: slices along axis 0 are contiguous (a copy-free
      // view on the cpu backend, where a strided axis-1 unstack costs more than the matmuls).
      const xs = tf.unstack(tf.transpose(x, [1, 0, 2]));
      const keep = mask === null ? null : tf.unstack(tf.expandDims(tf.transpose(mask), 2));
      const hold = keep === null ? null : keep.map((k) => tf.sub(1, k));
      const emitted = new Array<Tensor>(steps);
      const fresh = new Array<Tensor>(steps); // tanh output before masking
      const prevs = new Array<Tensor>(steps); // h_{t-1} as step t read it
      let h = init;
      for (const t of order) {
        prevs[t] = h;
        const next = tf.tanh(tf.add(xs[t] as Tensor, tf.matMul(h, whhT)));
        fresh[t] = next;
        if (keep === null || hold === null) {
          h = next;
          emitted[t] = next;
        } else {
          const k = keep[t] as Tensor;
          h = tf.add(tf.mul(k, next), tf.mul(hold[t] as Tensor, h));
          emitted[t] = tf.mul(k, next);
        }
      }
      // Time-major [T+1, B, H]: the emitted steps, then the final state.
      const out = tf.stack([...emitted, h]);
      // Saved time-major ([T, B, H]) for the backward pass.
      return [out, tf.stack(fresh), tf.stack(prevs), mask ?? tf.ones([batch, steps])];
    }) as [Tensor, Tensor, Tensor, Tensor];
    save([w, pre, states, keeps]);
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[]) =>
        backward(tf, dy, saved, order, mask !== null, [batch, steps, hidden]),
    };
  });
  const both = run(xw, whh, h0);
  return {
    sequence: tf.transpose(tf.slice(both, [0, 0, 0], [steps, -1, -1]), [1, 0, 2]),
    final: tf.reshape(tf.slice(both, [steps, 0, 0], [1, -1, -1]), [batch, hidden]),
  };
}

/** The BPTT recurrence over the saved forward values; returns [dxw, dWhh, dh0]. */
function backward(
  tf: Tf,
  dy: Tensor,
  saved: readonly Tensor[],
  order: readonly number[],
  masked: boolean,
  [batch, steps, hidden]: readonly [number, number, number],
): Tensor[] {
  const [whh, fresh, prevs, mask] = saved as [Tensor, Tensor, Tensor, Tensor];
  // (1 − h_t²) for every step at once: one kernel instead of T.
  const slope = tf.unstack(tf.sub(1, tf.square(fresh)));
  // dy is time-major [T+1, B, H]: the emitted steps, then the final state.
  const dys = tf.unstack(dy);
  const keep = masked ? tf.unstack(tf.expandDims(tf.transpose(mask), 2)) : null;
  let carry = dys[steps] as Tensor;
  const da = new Array<Tensor>(steps);
  for (let s = steps - 1; s >= 0; s--) {
    const t = order[s] as number;
    let dFresh = tf.add(carry, dys[t] as Tensor);
    if (keep !== null) dFresh = tf.mul(keep[t] as Tensor, dFresh);
    const dat = tf.mul(slope[t] as Tensor, dFresh);
    da[t] = dat;
    const back = tf.matMul(dat, whh);
    // A padded step held the state: its incoming gradient passes straight through.
    carry = keep === null ? back : tf.add(back, tf.mul(tf.sub(1, keep[t] as Tensor), carry));
  }
  const daAll = tf.stack(da); // [T, B, H], like prevs
  const dWhh = tf.matMul(
    tf.reshape(daAll, [steps * batch, hidden]),
    tf.reshape(prevs, [steps * batch, hidden]),
    true,
    false,
  );
  return [tf.transpose(daAll, [1, 0, 2]), dWhh, carry];
}
