/**
 * The few backend members our JS kernels use, for the two backends whose tensors live in
 * JS-visible memory: tfjs-backend-wasm (the wasm heap) and tfjs-backend-cpu (typed arrays).
 * Duck-typed at run time, so the lowering package depends on neither backend package.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** A flat numeric array of any tfjs dtype. */
export type Flat = Float32Array | Int32Array | Uint8Array;

/**
 * Allocate outputs, then view inputs and outputs. On wasm an allocation may grow (and so
 * detach) the heap: take every view after the last `alloc` of a kernel.
 */
export interface ArrayBackend {
  alloc(shape: readonly number[], dtype: DataType): TensorInfo;
  view(t: TensorInfo): Flat;
  /** One more reference to `t`'s data, as a new tensor info (no copy). */
  share(t: TensorInfo, shape?: readonly number[]): TensorInfo;
  free(t: TensorInfo): void;
}

/** Arguments of a kernel function (tfjs `KernelFunc`), narrowed to what we read. */
export interface KernelArgs<A> {
  readonly inputs: Record<string, TensorInfo>;
  readonly backend: unknown;
  readonly attrs?: A;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Flat;
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
}

interface CpuBackendLike {
  makeTensorInfo(shape: number[], dtype: DataType, values?: Flat): TensorInfo;
  data: { get(dataId: object): { values?: unknown } | undefined };
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
}

const has = (b: object, ...names: string[]): boolean =>
  names.every((n) => typeof (b as Record<string, unknown>)[n] === 'function');

function shareWith(b: { incRef(dataId: object): void }) {
  return (t: TensorInfo, shape: readonly number[] = t.shape): TensorInfo => {
    b.incRef(t.dataId);
    return { dataId: t.dataId, shape: [...shape], dtype: t.dtype };
  };
}

/** tfjs-backend-wasm's backend as an {@link ArrayBackend}. */
export function wasmArrays(backend: unknown): ArrayBackend {
  const b = backend as WasmBackendLike;
  if (!has(b, 'makeOutput', 'typedArrayFromHeap', 'disposeData', 'incRef')) {
    throw new Error('seqlab wasm kernel: the backend is not tfjs-backend-wasm');
  }
  return {
    alloc: (shape, dtype) => b.makeOutput([...shape], dtype),
    view: (t) => b.typedArrayFromHeap(t),
    share: shareWith(b),
    free: (t) => void b.disposeData(t.dataId),
  };
}

function emptyOf(dtype: DataType, size: number): Flat {
  if (dtype === 'int32') return new Int32Array(size);
  if (dtype === 'bool') return new Uint8Array(size);
  if (dtype === 'float32') return new Float32Array(size);
  throw new Error(`seqlab cpu kernel: dtype ${dtype} is not supported`);
}

/** tfjs-backend-cpu's backend as an {@link ArrayBackend}. */
export function cpuArrays(backend: unknown): ArrayBackend {
  const b = backend as CpuBackendLike;
  if (!has(b, 'makeTensorInfo', 'disposeData', 'incRef') || typeof b.data?.get !== 'function') {
    throw new Error('seqlab cpu kernel: the backend is not tfjs-backend-cpu');
  }
  return {
    alloc: (shape, dtype) => b.makeTensorInfo([...shape], dtype, emptyOf(dtype, sizeOf(shape))),
    view: (t) => {
      const values = b.data.get(t.dataId)?.values;
      if (
        values instanceof Float32Array ||
        values instanceof Int32Array ||
        values instanceof Uint8Array
      ) {
        return values;
      }
      throw new Error('seqlab cpu kernel: tensor has no numeric values');
    },
    share: shareWith(b),
    free: (t) => void b.disposeData(t.dataId),
  };
}

/** Strides of a row-major shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) {
    strides[i] = (strides[i + 1] as number) * (shape[i + 1] as number);
  }
  return strides;
}

/** Number of elements of `shape`. */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A possibly negative axis, normalised for rank `rank`. */
export const axisOf = (axis: number | undefined, rank: number): number =>
  (axis ?? 0) < 0 ? (axis ?? 0) + rank : (axis ?? 0);
