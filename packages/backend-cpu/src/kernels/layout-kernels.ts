/**
 * Slice, Unpack, SplitV, Concat and Identity over an {@link ArrayBackend}: the data-movement
 * kernels that a recurrence calls once per time step. Both stock versions are slow here:
 * - wasm's Slice reads the WHOLE input through `readSync` (a copy of the heap range) before
 *   cutting, so unstacking T steps costs O(T^2) (unstack [32,50,256]: 44 ms -> 0.5 ms);
 *   its Unpack and SplitV call that Slice; its Identity copies;
 * - cpu's Slice walks non-contiguous slices element by element through index arithmetic
 *   (split of a [32,256] gate block into four: 3.9 ms -> microseconds).
 * Ours copy rows with {@link stridedCopy}.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { axisOf, sizeOf, stridesOf, type ArrayBackend, type KernelArgs } from './array-backend.js';
import { copyRun, stridedCopy } from './strided-copy.js';

/** Makes the arrays view of a kernel's backend argument. */
export type ArraysOf = (backend: unknown) => ArrayBackend;

/** Copies the block of `x` at `begin` of extent `size` into `out` (allocated by the caller). */
function copyBlock(a: ArrayBackend, x: TensorInfo, begin: readonly number[], out: TensorInfo) {
  if (sizeOf(out.shape) === 0) return;
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((acc, v, i) => acc + v * (strides[i] as number), 0);
  stridedCopy(a.view(x), offset, strides, out.shape, a.view(out));
}

/** Cuts `x` into consecutive blocks of `sizes` along `axis`: Unpack and SplitV. */
function cut(a: ArrayBackend, x: TensorInfo, axis: number, sizes: readonly number[]) {
  const outs = sizes.map((n) =>
    a.alloc(
      x.shape.map((v, d) => (d === axis ? n : v)),
      x.dtype,
    ),
  );
  let start = 0;
  outs.forEach((out, i) => {
    copyBlock(
      a,
      x,
      x.shape.map((_, d) => (d === axis ? start : 0)),
      out,
    );
    start += sizes[i] as number;
  });
  return outs;
}

/** The layout kernels for the backend that `arrays` understands. */
export function layoutKernels(arrays: ArraysOf): Record<string, KernelFunc> {
  const slice: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{
      begin: number | number[];
      size: number | number[];
    }>;
    const x = inputs['x'] as TensorInfo;
    const list = (v: number | number[] | undefined, fill: number): number[] =>
      Array.isArray(v) ? v : x.shape.map((_, i) => (i === 0 && v !== undefined ? v : fill));
    const begin = x.shape.map((_, i) => list(attrs?.begin, 0)[i] ?? 0);
    const size = x.shape.map((d, i) => {
      const want = list(attrs?.size, -1)[i] ?? -1;
      return want === -1 ? d - (begin[i] as number) : want;
    });
    const a = arrays(backend);
    const out = a.alloc(size, x.dtype);
    copyBlock(a, x, begin, out);
    return out;
  };

  const unpack: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{ axis: number }>;
    const x = inputs['value'] as TensorInfo;
    const axis = axisOf(attrs?.axis, x.shape.length);
    const a = arrays(backend);
    const parts = cut(a, x, axis, new Array<number>(x.shape[axis] as number).fill(1));
    const shape = x.shape.filter((_, i) => i !== axis);
    // Same data, rank one less: drop the unit axis without a copy.
    return parts.map((p) => ({ dataId: p.dataId, dtype: p.dtype, shape }));
  };

  const splitV: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{
      numOrSizeSplits: number | number[];
      axis: number;
    }>;
    const x = inputs['x'] as TensorInfo;
    const axis = axisOf(attrs?.axis, x.shape.length);
    const along = x.shape[axis] as number;
    const spec = attrs?.numOrSizeSplits ?? 1;
    const sizes = Array.isArray(spec) ? [...spec] : new Array<number>(spec).fill(along / spec);
    const free = sizes.indexOf(-1);
    if (free >= 0) sizes[free] = along - sizes.reduce((s, v) => (v === -1 ? s : s + v), 0);
    return cut(arrays(backend), x, axis, sizes);
  };

  const concat: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{ axis: number }>;
    const all = Object.values(inputs);
    const a = arrays(backend);
    const xs = all.filter((t) => sizeOf(t.shape) > 0);
    const first = xs[0] ?? all[0];
    if (first === undefined) throw new Error('seqlab Concat: no inputs');
    const axis = axisOf(attrs?.axis, first.shape.length);
    const outShape = [...first.shape];
    outShape[axis] = all.reduce((s, t) => s + (t.shape[axis] as number), 0);
    if (xs.length === 1 && xs[0] !== undefined) return a.share(xs[0], outShape);
    const out = a.alloc(outShape, first.dtype);
    if (xs.length === 0) return out;
    const outer = sizeOf(first.shape.slice(0, axis));
    const inner = xs.map((t) => sizeOf(t.shape.slice(axis)));
    const total = inner.reduce((s, v) => s + v, 0);
    const views = xs.map((t) => a.view(t));
    const dst = a.view(out);
    for (let r = 0; r < outer; r++) {
      let to = r * total;
      views.forEach((src, i) => {
        const n = inner[i] as number;
        copyRun(src, r * n, dst, to, n);
        to += n;
      });
    }
    return out;
  };

  /** Shares the data (one more reference), as cpu and wasm's own Reshape do. */
  const identity: KernelFunc = (args) => {
    const { inputs, backend } = args as unknown as KernelArgs<never>;
    return arrays(backend).share(inputs['x'] as TensorInfo);
  };

  return { Slice: slice, Unpack: unpack, SplitV: splitV, Concat: concat, Identity: identity };
}
