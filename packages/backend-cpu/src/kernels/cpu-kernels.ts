/**
 * Kernels for tfjs-backend-cpu where its generic ones cost most in a recurrence: BatchMatMul
 * (see gemm.ts), and Add / Sub / Multiply when both operands have the same shape or one is
 * a scalar or a row broadcast along the last axis (bias adds): tfjs-cpu maps every element through
 * index arithmetic (about 45 ns an element measured here); these are single flat loops.
 * Other cases call the stock kernel.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { cpuArrays, sizeOf, type KernelArgs } from './array-backend.js';
import { gemm, transposed } from './gemm.js';

const batchMatMul: KernelFunc = (args) => {
  const { inputs, backend, attrs } = args as unknown as KernelArgs<{
    transposeA: boolean;
    transposeB: boolean;
  }>;
  const a = inputs['a'] as TensorInfo;
  const b = inputs['b'] as TensorInfo;
  const ta = attrs?.transposeA === true;
  const tb = attrs?.transposeB === true;
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const [m, k] = ta ? [ac, ar] : [ar, ac];
  const [k2, n] = tb ? [bc, br] : [br, bc];
  if (k !== k2) {
    throw new Error(`matMul: inner dims ${k} and ${k2} of [${a.shape}] and [${b.shape}] differ`);
  }
  const aBatch = sizeOf(a.shape.slice(0, -2));
  const bBatch = sizeOf(b.shape.slice(0, -2));
  if (aBatch !== bBatch && aBatch !== 1 && bBatch !== 1) {
    throw new Error(`matMul: batch dims of [${a.shape}] and [${b.shape}] do not broadcast`);
  }
  const batch = Math.max(aBatch, bBatch);
  const outer = (a.shape.length >= b.shape.length ? a : b).shape.slice(0, -2);
  const arrays = cpuArrays(backend);
  const out = arrays.alloc([...outer, m, n], 'float32');
  const av = arrays.view(a);
  const bv = arrays.view(b);
  const cv = arrays.view(out) as Float32Array;
  for (let i = 0; i < batch; i++) {
    const aOff = (aBatch === 1 ? 0 : i) * m * k;
    const bOff = (bBatch === 1 ? 0 : i) * k * n;
    // The kernel wants A row-major [m, k]; it reads B as it is ([k, n], or [n, k] when tb).
    const aMat = ta ? transposed({ data: av, offset: aOff, rows: m, cols: k }) : av;
    const lay = tb
      ? { offset: bOff, pStride: 1, jStride: k }
      : { offset: bOff, pStride: n, jStride: 1 };
    gemm(aMat, ta ? 0 : aOff, bv, lay, cv, i * m * n, m, k, n);
  }
  return out;
};

type Op = (x: number, y: number) => number;

/** A binary kernel with flat loops for equal shapes and last-axis row broadcasts. */
function binary(op: Op, original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend } = args as unknown as KernelArgs<never>;
    const a = inputs['a'] as TensorInfo;
    const b = inputs['b'] as TensorInfo;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    // A scalar (any rank, one element) or a row along the last axis, repeated.
    const rowOf = (big: TensorInfo, small: TensorInfo) =>
      small.shape.length <= big.shape.length &&
      (sizeOf(small.shape) === 1 ||
        (sizeOf(small.shape) === big.shape[big.shape.length - 1] &&
          small.shape[small.shape.length - 1] === big.shape[big.shape.length - 1]));
    const bRow = !same && rowOf(a, b);
    const aRow = !same && !bRow && rowOf(b, a);
    if (!same && !aRow && !bRow) return original(args);
    const shape = aRow ? b.shape : a.shape;
    const arrays = cpuArrays(backend);
    const out = arrays.alloc(shape, 'float32');
    const x = arrays.view(a);
    const y = arrays.view(b);
    const z = arrays.view(out);
    const size = z.length;
    if (same) {
      for (let i = 0; i < size; i++) z[i] = op(x[i] as number, y[i] as number);
    } else if (bRow) {
      const w = y.length;
      for (let i = 0; i < size; i++) z[i] = op(x[i] as number, y[i % w] as number);
    } else {
      const w = x.length;
      for (let i = 0; i < size; i++) z[i] = op(x[i % w] as number, y[i] as number);
    }
    return out;
  };
}

/** The cpu kernels, given the stock ones they fall back to. */
export function cpuKernels(original: (name: string) => KernelFunc | undefined) {
  const wrap = (name: string, op: Op): Record<string, KernelFunc> => {
    const stock = original(name);
    return stock === undefined ? {} : { [name]: binary(op, stock) };
  };
  return {
    BatchMatMul: batchMatMul,
    ...wrap('Add', (x, y) => x + y),
    ...wrap('Sub', (x, y) => x - y),
    ...wrap('Multiply', (x, y) => x * y),
  } as Record<string, KernelFunc>;
}
