/**
 * Sliding windows along time built from pad + slice + reshape only. conv1d and the pools are
 * lowered onto these so that their gradients need nothing beyond slice/pad/concat/matMul:
 * the wasm backend has no Conv2DBackpropFilter (nor pooling gradients on every backend).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/**
 * A sequence shorter than a `valid` window: the input does not fit the model (PyTorch
 * refuses it too). A user error, not a bug: callers report `message` as it is.
 */
export class SequenceTooShortError extends Error {
  /** `layer`: e.g. `conv1d 'conv1d0'`; `steps`: what reached it; `needed`: its window. */
  constructor(
    readonly layer: string,
    readonly steps: number,
    readonly needed: number,
    causal: boolean,
  ) {
    super(
      `${layer} (padding "valid") needs at least ${needed} steps at its input but gets ${steps}; ` +
        `give longer sequences, or use padding "same"${causal ? ' or "causal"' : ''}`,
    );
    this.name = 'SequenceTooShortError';
  }
}

/** Output length and padding of a 1-D window op. */
export interface WindowGeometry {
  readonly out: number;
  readonly left: number;
  readonly right: number;
}

/**
 * `valid`: no padding. `causal`: pad left by the span - 1. `same`: TF-style SAME, out =
 * ceil(T / stride) with the extra padding on the right; for stride 1 this is exactly
 * PyTorch's `padding='same'` (left = total // 2).
 */
export function windowGeometry(
  length: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: 'same' | 'valid' | 'causal',
): WindowGeometry {
  const span = dilation * (kernel - 1) + 1;
  if (padding === 'valid')
    return { out: Math.floor((length - span) / stride) + 1, left: 0, right: 0 };
  if (padding === 'causal')
    return { out: Math.floor((length - 1) / stride) + 1, left: span - 1, right: 0 };
  const out = Math.ceil(length / stride);
  const total = Math.max((out - 1) * stride + span - length, 0);
  const left = Math.floor(total / 2);
  return { out, left, right: total - left };
}

/**
 * The `kernel` shifted views of x `[B, T, C]`: view j holds, for each output step o, the
 * input at `o * stride + j * dilation` (in padded coordinates). Each view is `[B, out, C]`.
 */
export function windows(
  tf: Tf,
  x: Tensor,
  kernel: number,
  stride: number,
  dilation: number,
  geometry: WindowGeometry,
  padValue: number,
): Tensor[] {
  const [batch = 0, length = 0, channels = 0] = x.shape;
  const { out, left, right } = geometry;
  if (out <= 0) {
    throw new Error(`sequence of length ${length} is shorter than the window (${kernel})`);
  }
  // Strided views are cut as [out * stride] and reshaped; make room for the last stride.
  const need = (kernel - 1) * dilation + (stride === 1 ? out : out * stride);
  const extra = Math.max(0, need - (left + length + right));
  const padded =
    left + right + extra === 0
      ? x
      : tf.pad(
          x,
          [
            [0, 0],
            [left, right + extra],
            [0, 0],
          ],
          padValue,
        );
  const views: Tensor[] = [];
  for (let j = 0; j < kernel; j++) {
    const offset = j * dilation;
    if (stride === 1) {
      views.push(tf.slice(padded, [0, offset, 0], [batch, out, channels]));
    } else {
      const cut = tf.slice(padded, [0, offset, 0], [batch, out * stride, channels]);
      const grouped = tf.reshape(cut, [batch, out, stride, channels]);
      views.push(
        tf.reshape(tf.slice(grouped, [0, 0, 0, 0], [batch, out, 1, channels]), [
          batch,
          out,
          channels,
        ]),
      );
    }
  }
  return views;
}
