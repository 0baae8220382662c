/**
 * JS kernels that replace tfjs-backend-wasm 4.22's Slice, Unpack, SplitV, Identity, Concat and
 * the transposed cases
 * of BatchMatMul, which dominate small recurrent models there:
 * - its Slice reads the WHOLE input through `readSync` (a copy of the heap range) before
 *   taking the slice, so unstacking T steps costs O(T^2); ours reads a heap view
 *   (unstack [32,50,256]: 44 ms -> 0.5 ms);
 * - its BatchMatMul is fast (XNNPACK) only without transposes; with `transposeA/B` it falls
 *   back to a naive loop (10x slower for [64,32]^T x [32,256]). Ours transposes the operand
 *   with the backend's own (fast) Transpose and calls the fast path.
 * Measured in tools/bench/profile-step.ts and docs/benchmarks.md; exactness is tested
 * against the cpu backend in wasm-kernels.test.ts.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { copyRun, stridedCopy } from './strided-copy.js';
import {
  sizeOf,
  stridesOf,
  wasmBackend,
  type KernelArgs,
  type WasmBackendLike,
} from './wasm-heap.js';

/** Shape and begin of a slice after resolving `-1` sizes. */
function sliceParams(x: TensorInfo, begin: readonly number[], size: readonly number[]) {
  const b = x.shape.map((_, i) => begin[i] ?? 0);
  const s = x.shape.map((d, i) => {
    const want = size[i] ?? -1;
    return want === -1 ? d - (b[i] as number) : want;
  });
  return { begin: b, size: s };
}

function sliceInfo(backend: WasmBackendLike, x: TensorInfo, begin: number[], size: number[]) {
  const out = backend.makeOutput(size, x.dtype);
  if (sizeOf(size) === 0) return out;
  // Views after makeOutput: an allocation may grow (and so detach) the heap buffer.
  const xs = backend.typedArrayFromHeap(x);
  const os = backend.typedArrayFromHeap(out);
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((acc, v, i) => acc + v * (strides[i] as number), 0);
  stridedCopy(xs, offset, strides, size, os);
  return out;
}

const slice: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as KernelArgs<{
    begin: number | number[];
    size: number | number[];
  }>;
  const x = inputs['x'] as TensorInfo;
  const asList = (v: number | number[] | undefined, fill: number) =>
    Array.isArray(v) ? v : x.shape.map((_, i) => (i === 0 && v !== undefined ? v : fill));
  const p = sliceParams(x, asList(attrs?.begin, 0), asList(attrs?.size, -1));
  return sliceInfo(wasmBackend(backend), x, p.begin, p.size);
};

const unpack: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as KernelArgs<{ axis: number }>;
  const x = inputs['value'] as TensorInfo;
  const rank = x.shape.length;
  const axis = (attrs?.axis ?? 0) < 0 ? (attrs?.axis ?? 0) + rank : (attrs?.axis ?? 0);
  const b = wasmBackend(backend);
  const count = x.shape[axis] as number;
  const outShape = x.shape.filter((_, i) => i !== axis);
  const size = [...x.shape];
  size[axis] = 1;
  const outs: TensorInfo[] = [];
  for (let i = 0; i < count; i++) {
    const begin = x.shape.map((_, d) => (d === axis ? i : 0));
    const out = sliceInfo(b, x, begin, size);
    outs.push({ dataId: out.dataId, dtype: out.dtype, shape: outShape });
  }
  return outs;
};

const splitV: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as KernelArgs<{
    numOrSizeSplits: number | number[];
    axis: number;
  }>;
  const x = inputs['x'] as TensorInfo;
  const rank = x.shape.length;
  const axis = (attrs?.axis ?? 0) < 0 ? (attrs?.axis ?? 0) + rank : (attrs?.axis ?? 0);
  const along = x.shape[axis] as number;
  const spec = attrs?.numOrSizeSplits ?? 1;
  const sizes = Array.isArray(spec) ? [...spec] : new Array<number>(spec).fill(along / spec);
  const free = sizes.indexOf(-1);
  if (free >= 0) sizes[free] = along - sizes.reduce((a, v) => (v === -1 ? a : a + v), 0);
  const b = wasmBackend(backend);
  let start = 0;
  return sizes.map((n) => {
    const begin = x.shape.map((_, d) => (d === axis ? start : 0));
    const size = x.shape.map((v, d) => (d === axis ? n : v));
    start += n;
    return sliceInfo(b, x, begin, size);
  });
};

/** Concat of numeric tensors: the same row loop as tfjs's, with short rows copied by hand. */
function concatWith(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{ axis: number }>;
    const xs = Object.values(inputs).filter((t) => sizeOf(t.shape) > 0);
    const first = xs[0];
    if (first === undefined || xs.length === 1 || first.dtype === 'string') return original(args);
    const rank = first.shape.length;
    const axis = (attrs?.axis ?? 0) < 0 ? (attrs?.axis ?? 0) + rank : (attrs?.axis ?? 0);
    const outShape = [...first.shape];
    outShape[axis] = xs.reduce((a, t) => a + (t.shape[axis] as number), 0);
    const b = wasmBackend(backend);
    const out = b.makeOutput(outShape, first.dtype);
    const outer = sizeOf(first.shape.slice(0, axis));
    const inner = xs.map((t) => sizeOf(t.shape.slice(axis)));
    const total = inner.reduce((a, v) => a + v, 0);
    const views = xs.map((t) => b.typedArrayFromHeap(t));
    const dst = b.typedArrayFromHeap(out);
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
}

/**
 * Identity shares the data (one more reference), as the cpu backend and the wasm Reshape
 * do; the wasm one copies it, and tfjs clones every tensor a gradient saves through it.
 */
const identity: KernelFunc = (args) => {
  const { inputs, backend } = args as unknown as KernelArgs<never>;
  const x = inputs['x'] as TensorInfo;
  if (x.dtype === 'string') throw new Error('seqlab wasm Identity: strings are not supported');
  wasmBackend(backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
};

/** The last two axes swapped, as a permutation. */
const swapLast = (rank: number): number[] =>
  Array.from({ length: rank }, (_, i) =>
    i === rank - 2 ? rank - 1 : i === rank - 1 ? rank - 2 : i,
  );

function fastMatMul(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{
      transposeA: boolean;
      transposeB: boolean;
    }>;
    if (!attrs?.transposeA && !attrs?.transposeB) return original(args);
    const b = wasmBackend(backend);
    const temps: TensorInfo[] = [];
    const plain = (t: TensorInfo, transposed: boolean | undefined): TensorInfo => {
      if (!transposed) return t;
      const copy = transpose({
        inputs: { x: t },
        backend,
        attrs: { perm: swapLast(t.shape.length) },
      } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
      temps.push(copy);
      return copy;
    };
    const a = plain(inputs['a'] as TensorInfo, attrs.transposeA);
    const bb = plain(inputs['b'] as TensorInfo, attrs.transposeB);
    try {
      return original({
        ...args,
        inputs: { a, b: bb },
        attrs: { ...attrs, transposeA: false, transposeB: false },
      } as Parameters<KernelFunc>[0]);
    } finally {
      for (const t of temps) b.disposeData(t.dataId);
    }
  };
}

/** Marks our kernel functions, so registering twice is a no-op. */
const OURS = Symbol.for('seqlab.wasmKernel');

function mark(f: KernelFunc): KernelFunc {
  (f as unknown as Record<symbol, boolean>)[OURS] = true;
  return f;
}

/** Registry functions of tfjs-core (the injected instance, so the right registry). */
export interface KernelRegistry {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  unregisterKernel(name: string, backend: string): void;
  registerKernel(config: KernelConfig): void;
}

/**
 * Replaces the wasm backend's Slice, Unpack, Transpose and BatchMatMul with ours, keeping
 * their setup functions. Does nothing when no wasm kernels are registered, or twice.
 */
export function registerWasmKernels(registry: KernelRegistry): boolean {
  const replace = (name: string, make: (original: KernelFunc) => KernelFunc): boolean => {
    const original = registry.getKernel(name, 'wasm');
    if (original === undefined) return false;
    if ((original.kernelFunc as unknown as Record<symbol, boolean>)[OURS]) return true;
    registry.unregisterKernel(name, 'wasm');
    registry.registerKernel({ ...original, kernelFunc: mark(make(original.kernelFunc)) });
    return true;
  };
  const done: boolean[] = [
    replace('Slice', () => slice),
    replace('Unpack', () => unpack),
    replace('SplitV', () => splitV),
    replace('Identity', () => identity),
    replace('Concat', concatWith),
  ];
  const transpose = registry.getKernel('Transpose', 'wasm')?.kernelFunc;
  if (transpose !== undefined) done.push(replace('BatchMatMul', (mm) => fastMatMul(mm, transpose)));
  else done.push(false);
  return done.every(Boolean);
}
