/**
 * One Adam update of one parameter as a single operation, `SeqlabAdam`:
 *
 *   g' = g + l2 p                       (coupled weight decay: torch Adam's weight_decay)
 *   m' = β1 m + (1 − β1) g'
 *   v' = β2 v + (1 − β2) g'²
 *   p' = decay p − lr (m' / bc1) / (√(v' / bc2) + ε)   (decay = 1 − lr wd for AdamW)
 *
 * tfjs's AdamOptimizer issues about 14 kernels per parameter per step; on webgl each is a
 * draw call, and a small model's Adam step was a fifth of its training step. seqlab's
 * kernels (cpu and wasm: one loop; webgl: three programs) do it in one; elsewhere the same
 * math runs composed of tfjs ops (the reference the kernels are tested against).
 */
import type { NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** The kernel name; @seqlab/backend-cpu and -webgl register it for cpu, wasm and webgl. */
export const ADAM_KERNEL = 'SeqlabAdam';

/** Hyperparameters of one update (bias corrections bc = 1 − β^t for step t). */
export interface AdamAttrs {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly bc1: number;
  readonly bc2: number;
  /** Coupled (L2) weight decay, added to the gradient. */
  readonly l2: number;
  /** Multiplier of the parameter before the step (decoupled decay; 1 for none). */
  readonly decay: number;
  readonly [key: string]: number;
}

/** The update composed of tfjs ops: what backends without the kernel run. */
export function adamReference(
  tf: Tf,
  p: Tensor,
  g: Tensor,
  m: Tensor,
  v: Tensor,
  a: AdamAttrs,
): [Tensor, Tensor, Tensor] {
  const grad = a.l2 === 0 ? g : tf.add(g, tf.mul(p, a.l2));
  const mNew = tf.add(tf.mul(m, a.beta1), tf.mul(grad, 1 - a.beta1));
  const vNew = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(grad), 1 - a.beta2));
  const step = tf.div(tf.div(mNew, a.bc1), tf.add(tf.sqrt(tf.div(vNew, a.bc2)), a.eps));
  const decayed = a.decay === 1 ? p : tf.mul(p, a.decay);
  return [tf.sub(decayed, tf.mul(step, a.lr)), mNew, vNew];
}

/** `[p', m', v']`: the backend's SeqlabAdam kernel if it has one, else the reference. */
export function adamUpdate(
  tf: Tf,
  p: Tensor,
  g: Tensor,
  m: Tensor,
  v: Tensor,
  a: AdamAttrs,
): [Tensor, Tensor, Tensor] {
  const plain = p.dtype === 'float32' && p.rank >= 1 && p.rank <= 4;
  if (!plain || tf.getKernel(ADAM_KERNEL, tf.getBackend()) === undefined) {
    return adamReference(tf, p, g, m, v, a);
  }
  const inputs = { p, g, m, v } as unknown as NamedTensorMap;
  return tf.engine().runKernel(ADAM_KERNEL, inputs, { ...a }) as unknown as [
    Tensor,
    Tensor,
    Tensor,
  ];
}
