/**
 * Transpose, PadV2 and Sum for tfjs-backend-cpu, the three data-movement kernels its generic
 * versions make slow in a training step: each maps every element through index arithmetic
 * (Transpose about 100 ns an element here), and Sum over any axis but the last transposes
 * first. A small LSTM step on cpu spent 41 ms in six Transposes, 15 ms in eleven Sums and
 * 6 ms in two Pads (tools/bench/profile-step.ts): the time-major projection and its
 * gradient, the bias gradients, the gradient of the final-state slices. Ours are row copies
 * ({@link stridedCopy}, {@link copyRun}) and one pass of sums; tested equal to the stock
 * kernels (test/fast-kernels.test.ts). wasm's own versions are native code and stay.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { cpuArrays, sizeOf, stridesOf, type KernelArgs } from './array-backend.js';
import { copyRun, stridedCopy } from './strided-copy.js';

const transpose: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as KernelArgs<{ perm: number[] }>;
  const x = inputs['x'] as TensorInfo;
  const perm = attrs?.perm ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  const arrays = cpuArrays(backend);
  const out = arrays.alloc(
    perm.map((p) => x.shape[p] as number),
    x.dtype,
  );
  if (sizeOf(x.shape) === 0) return out;
  const strides = stridesOf(x.shape);
  // out[i_0, i_1, …] = x[Σ_d i_d · stride(perm[d])]: a strided read, written row-major.
  stridedCopy(
    arrays.view(x),
    0,
    perm.map((p) => strides[p] as number),
    out.shape,
    arrays.view(out),
  );
  return out;
};

const padV2: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as KernelArgs<{
    paddings: [number, number][];
    constantValue: number;
  }>;
  const x = inputs['x'] as TensorInfo;
  const paddings = attrs?.paddings ?? x.shape.map(() => [0, 0] as [number, number]);
  const shape = x.shape.map((d, i) => d + (paddings[i]?.[0] ?? 0) + (paddings[i]?.[1] ?? 0));
  const arrays = cpuArrays(backend);
  const out = arrays.alloc(shape, x.dtype);
  const dst = arrays.view(out);
  dst.fill(attrs?.constantValue ?? 0);
  const rank = x.shape.length;
  if (sizeOf(x.shape) === 0) return out;
  if (rank === 0) {
    dst[0] = arrays.view(x)[0] as number;
    return out;
  }
  const src = arrays.view(x);
  const outStrides = stridesOf(shape);
  const inner = x.shape[rank - 1] as number;
  const rows = sizeOf(x.shape.slice(0, -1));
  const idx = new Array<number>(rank - 1).fill(0);
  // Row by row of x (an odometer over its outer dims), each to its place inside `out`.
  for (let r = 0; r < rows; r++) {
    let to = paddings[rank - 1]?.[0] ?? 0;
    for (let d = 0; d < rank - 1; d++) {
      to += ((idx[d] as number) + (paddings[d]?.[0] ?? 0)) * (outStrides[d] as number);
    }
    copyRun(src, r * inner, dst, to, inner);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (x.shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
};

/**
 * Sum over a leading or a trailing block of axes in one pass (float64 sums, in the stock
 * kernel's order, so the results are the same); any other axes go to the stock kernel.
 */
function sum(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{
      axis: number | number[];
      keepDims: boolean;
    }>;
    const x = inputs['x'] as TensorInfo;
    const rank = x.shape.length;
    const axes = [...new Set([attrs?.axis ?? []].flat().map((a) => (a < 0 ? a + rank : a)))].sort(
      (a, b) => a - b,
    );
    const k = axes.length;
    const leading = axes.every((a, i) => a === i);
    const trailing = axes.every((a, i) => a === rank - k + i);
    if (x.dtype !== 'float32' || k === 0 || (!leading && !trailing)) return stock(args);
    const kept = x.shape.filter((_, d) => !axes.includes(d));
    const shape = attrs?.keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept;
    const arrays = cpuArrays(backend);
    const out = arrays.alloc(shape, 'float32');
    const src = arrays.view(x);
    const dst = arrays.view(out);
    if (leading) {
      // out[j] = Σ_i x[i, j] over the reduced rows i.
      const width = sizeOf(kept);
      const rows = width === 0 ? 0 : src.length / width;
      const acc = new Float64Array(width);
      for (let i = 0; i < rows; i++) {
        const base = i * width;
        for (let j = 0; j < width; j++) acc[j] = (acc[j] as number) + (src[base + j] as number);
      }
      dst.set(acc);
    } else {
      // out[i] = Σ_j x[i, j] over each contiguous row j.
      const width = sizeOf(x.shape.slice(rank - k));
      for (let i = 0; i < dst.length; i++) {
        let s = 0;
        const base = i * width;
        for (let j = 0; j < width; j++) s += src[base + j] as number;
        dst[i] = s;
      }
    }
    return out;
  };
}

/** The cpu copy and reduction kernels, given the stock ones (Sum falls back to it). */
export function cpuCopyKernels(
  original: (name: string) => KernelFunc | undefined,
): Record<string, KernelFunc> {
  const stockSum = original('Sum');
  return {
    Transpose: transpose,
    PadV2: padV2,
    ...(stockSum === undefined ? {} : { Sum: sum(stockSum) }),
  };
}
