/**
 * conv1d's im2col as one kernel (and its gradient, col2im, as another) on the cpu and wasm
 * backends. The portable lowering builds the column matrix from pad + K slices + concat,
 * whose backward pass is K pads, K-1 full-size adds and a slice: seven copies of the input
 * for a kernel of 3. Here each direction is one pass over the data.
 *
 * cols[b, o, j*C + c] = x[b, o*stride + j*dilation - left, c], or `padValue` outside [0, T).
 */
import type { GradConfig, KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import { cpuArrays, wasmArrays, type ArrayBackend, type KernelArgs } from './array-backend.js';

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

function im2col(arrays: (b: unknown) => ArrayBackend): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<Im2ColAttrs>;
    const x = inputs['x'] as TensorInfo;
    const g = attrs as Im2ColAttrs;
    const [batch = 0, length = 0, channels = 0] = x.shape;
    const width = g.kernel * channels;
    const a = arrays(backend);
    const out = a.alloc([batch, g.out, width], 'float32');
    const src = a.view(x);
    const dst = a.view(out);
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < g.out; o++) {
        const row = (b * g.out + o) * width;
        for (let j = 0; j < g.kernel; j++) {
          const t = o * g.stride + j * g.dilation - g.left;
          const to = row + j * channels;
          if (t < 0 || t >= length) {
            dst.fill(g.padValue, to, to + channels);
            continue;
          }
          const from = (b * length + t) * channels;
          for (let c = 0; c < channels; c++) dst[to + c] = src[from + c] as number;
        }
      }
    }
    return out;
  };
}

function col2im(arrays: (b: unknown) => ArrayBackend): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<Im2ColAttrs>;
    const dy = inputs['dy'] as TensorInfo;
    const g = attrs as Im2ColAttrs;
    const [batch = 0, , width = 0] = dy.shape;
    const channels = width / g.kernel;
    const a = arrays(backend);
    const out = a.alloc([batch, g.length, channels], 'float32');
    const src = a.view(dy);
    const dst = a.view(out);
    dst.fill(0);
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < g.out; o++) {
        const row = (b * g.out + o) * width;
        for (let j = 0; j < g.kernel; j++) {
          const t = o * g.stride + j * g.dilation - g.left;
          if (t < 0 || t >= g.length) continue; // padding receives no gradient
          const from = row + j * channels;
          const to = (b * g.length + t) * channels;
          for (let c = 0; c < channels; c++) {
            dst[to + c] = (dst[to + c] as number) + (src[from + c] as number);
          }
        }
      }
    }
    return out;
  };
}

const registered = new WeakSet<object>();

/**
 * Registers IM2COL / COL2IM for the cpu and wasm backends and IM2COL's gradient, once per
 * tfjs instance. Returns whether `backend` has the kernel (webgl does not).
 */
export function ensureIm2Col(tf: Tf, backend: string): boolean {
  if (!registered.has(tf)) {
    registered.add(tf);
    for (const [name, arrays] of [
      ['cpu', cpuArrays],
      ['wasm', wasmArrays],
    ] as const) {
      if (tf.getKernel(IM2COL, name) === undefined) {
        tf.registerKernel({ kernelName: IM2COL, backendName: name, kernelFunc: im2col(arrays) });
        tf.registerKernel({ kernelName: COL2IM, backendName: name, kernelFunc: col2im(arrays) });
      }
    }
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
