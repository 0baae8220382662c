/**
 * The few members of tfjs-backend-wasm's backend our JS kernels use. Typed here (duck-typed
 * at run time) so the lowering package does not depend on the wasm package: the kernels
 * are registered only when a backend named `wasm` is in the registry.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

/** Backend handle passed to a wasm kernel function. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** A view (not a copy) of the tensor's memory in the wasm heap. */
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
}

/** Arguments of a kernel function (tfjs `KernelFunc`), narrowed to what we read. */
export interface KernelArgs<A> {
  readonly inputs: Record<string, TensorInfo>;
  readonly backend: unknown;
  readonly attrs?: A;
}

/** The backend as a {@link WasmBackendLike}, or a thrown error if it is not one. */
export function wasmBackend(backend: unknown): WasmBackendLike {
  const b = backend as Partial<WasmBackendLike>;
  if (
    typeof b.makeOutput !== 'function' ||
    typeof b.typedArrayFromHeap !== 'function' ||
    typeof b.disposeData !== 'function' ||
    typeof b.incRef !== 'function'
  ) {
    throw new Error('seqlab wasm kernel: the backend is not tfjs-backend-wasm');
  }
  return b as WasmBackendLike;
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
