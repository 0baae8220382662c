/**
 * tfjs-backend-wasm's BatchMatMul is fast (XNNPACK) only without transposes; with
 * `transposeA/B` it falls back to a naive loop (10x slower for [64,32]^T x [32,256], and
 * every backward pass of a product has one). Ours transposes the operand with the backend's
 * own Transpose (fast) and calls the fast path.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { wasmArrays, type KernelArgs } from './array-backend.js';

/** The last two axes swapped, as a permutation. */
const swapLast = (rank: number): number[] =>
  Array.from({ length: rank }, (_, i) =>
    i === rank - 2 ? rank - 1 : i === rank - 1 ? rank - 2 : i,
  );

/** BatchMatMul without transposed operands, built on the stock kernel and Transpose. */
export function wasmMatMul(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args as unknown as KernelArgs<{
      transposeA: boolean;
      transposeB: boolean;
    }>;
    if (!attrs?.transposeA && !attrs?.transposeB) return original(args);
    const arrays = wasmArrays(backend);
    const temps: TensorInfo[] = [];
    const plain = (t: TensorInfo, flip: boolean | undefined): TensorInfo => {
      if (!flip) return t;
      const copy = transpose({
        inputs: { x: t },
        backend,
        attrs: { perm: swapLast(t.shape.length) },
      } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
      temps.push(copy);
      return copy;
    };
    const a = plain(inputs['a'] as TensorInfo, attrs.transposeA);
    const b = plain(inputs['b'] as TensorInfo, attrs.transposeB);
    try {
      return original({
        ...args,
        inputs: { a, b },
        attrs: { ...attrs, transposeA: false, transposeB: false },
      } as Parameters<KernelFunc>[0]);
    } finally {
      for (const t of temps) arrays.free(t);
    }
  };
}
