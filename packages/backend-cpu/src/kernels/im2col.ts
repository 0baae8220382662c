/**
 * conv1d's im2col as one kernel (and its gradient, col2im, as another) on the cpu and wasm
 * backends (names and attributes: @seqlab/tfjs's kernels/im2col.ts). The portable lowering builds the column matrix from pad + K slices + concat,
 * whose backward pass is K pads, K-1 full-size adds and a slice: seven copies of the input
 * for a kernel of 3. Here each direction is one pass over the data.
 *
 * cols[b, o, j*C + c] = x[b, o*stride + j*dilation - left, c], or `padValue` outside [0, T).
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { COL2IM, IM2COL, type Im2ColAttrs, type KernelRegistry } from '@seqlab/tfjs';
import { cpuArrays, wasmArrays, type ArrayBackend, type KernelArgs } from './array-backend.js';

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
    // Stride 1, dilation 1: a row inside [0, T) is one contiguous run of the input, copied
    // in one `set` (a memcpy) instead of element by element (the small cnn's im2col: ~1 ms).
    const contiguous = g.stride === 1 && g.dilation === 1;
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < g.out; o++) {
        const row = (b * g.out + o) * width;
        const first = o - g.left;
        if (contiguous && first >= 0 && first + g.kernel <= length) {
          const from = (b * length + first) * channels;
          dst.set(src.subarray(from, from + width), row);
          continue;
        }
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

/**
 * Registers IM2COL / COL2IM for the cpu and wasm backends (their gradient is @seqlab/tfjs's,
 * `ensureIm2Col`). Idempotent.
 */
export function registerIm2Col(registry: KernelRegistry): void {
  for (const [name, arrays] of [
    ['cpu', cpuArrays],
    ['wasm', wasmArrays],
  ] as const) {
    if (registry.getKernel(IM2COL, name) === undefined) {
      registry.registerKernel({
        kernelName: IM2COL,
        backendName: name,
        kernelFunc: im2col(arrays),
      });
      registry.registerKernel({
        kernelName: COL2IM,
        backendName: name,
        kernelFunc: col2im(arrays),
      });
    }
  }
}
