/**
 * conv1d's im2col as one kernel (and its gradient, col2im, as another): the names, the
 * attributes and the gradient. The kernels themselves are a backend package's
 * (`@seqlab/backend-cpu` has them for cpu and wasm); elsewhere the lowering builds the
 * column matrix from pad + K slices + concat.
 *
 * cols[b, o, j*C + c] = x[b, o*stride + j*dilation - left, c], or `padValue` outside [0, T).
 */
import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** Kernel names (namespaced: they are not tfjs kernels). */
export const IM2COL = 'SeqlabIm2Col1D';
export const COL2IM = 'SeqlabCol2Im1D';

/** Geometry of the windows. */
export interface Im2ColAttrs {
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  /** Padding before step 0. */
  readonly left: number;
  /** Number of output steps. */
  readonly out: number;
  /** Input length T (col2im needs it to size its output). */
  readonly length: number;
  readonly padValue: number;
}

const registered = new WeakSet<object>();

/**
 * Registers IM2COL's gradient (COL2IM), once per tfjs instance. Returns whether `backend`
 * has the IM2COL kernel (a backend package registered it: cpu and wasm; webgl does not).
 */
export function ensureIm2Col(tf: Tf, backend: string): boolean {
  if (!registered.has(tf)) {
    registered.add(tf);
    const grad: GradConfig = {
      kernelName: IM2COL,
      gradFunc: (dy, _saved, attrs) => ({
        x: () =>
          tf
            .engine()
            .runKernel(COL2IM, { dy: Array.isArray(dy) ? (dy[0] as Tensor) : dy }, attrs) as Tensor,
      }),
    };
    if (tf.getGradient(IM2COL) == null) tf.registerGradient(grad);
  }
  return tf.getKernel(IM2COL, backend) !== undefined;
}

/** The column matrix `[B, out, kernel * C]` of `x` `[B, T, C]` (IM2COL must be available). */
export function im2colTensor(tf: Tf, x: Tensor, attrs: Im2ColAttrs): Tensor {
  return tf.engine().runKernel(IM2COL, { x }, attrs as unknown as Record<string, number>) as Tensor;
}
