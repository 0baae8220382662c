/**
 * Installs seqlab's kernels over the stock ones of the cpu and wasm backends (layout
 * kernels on both; matMul, elementwise, Transpose, PadV2 and Sum on cpu; transposed matMul
 * on wasm). Each keeps the stock kernel's setup function, falls back to it for dtypes it
 * does not handle, and is tested against it for exactness (test/fast-kernels.test.ts). Also
 * adds seqlab's cell kernels (@seqlab/tfjs's bptt/cell-ops.ts), the fused Adam update and
 * conv1d's im2col on cpu and wasm. Other backends keep their own kernels (webgl's cell
 * kernels are @seqlab/backend-webgl's).
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { ADAM_KERNEL, type KernelRegistry } from '@seqlab/tfjs';
import { cpuArrays, wasmArrays, type ArrayBackend } from './kernels/array-backend.js';
import { arrayCellKernels } from './kernels/array-cells.js';
import { arrayAdamKernel } from './kernels/array-adam.js';
import { cpuCopyKernels } from './kernels/cpu-copy-kernels.js';
import { cpuKernels } from './kernels/cpu-kernels.js';
import { registerIm2Col } from './kernels/im2col.js';
import { layoutKernels } from './kernels/layout-kernels.js';
import { wasmMatMul } from './kernels/wasm-kernels.js';

/** Marks our kernel functions, so registering twice is a no-op. */
const OURS = Symbol.for('seqlab.kernel');

const isOurs = (f: KernelFunc): boolean => (f as unknown as Record<symbol, boolean>)[OURS] === true;

/** Ours for numeric tensors; the stock kernel for strings and complex numbers. */
function guarded(ours: KernelFunc, stock: KernelFunc): KernelFunc {
  const f: KernelFunc = (args) => {
    const inputs = Object.values(args.inputs as Record<string, TensorInfo>);
    const plain = inputs.every((t) => t.dtype !== 'string' && t.dtype !== 'complex64');
    return plain ? ours(args) : stock(args);
  };
  (f as unknown as Record<symbol, boolean>)[OURS] = true;
  return f;
}

function kernelsFor(
  backend: string,
  stock: (name: string) => KernelFunc | undefined,
): Record<string, KernelFunc> {
  if (backend === 'cpu') {
    return { ...layoutKernels(cpuArrays), ...cpuKernels(stock), ...cpuCopyKernels(stock) };
  }
  if (backend !== 'wasm') return {};
  const ours: Record<string, KernelFunc> = { ...layoutKernels(wasmArrays) };
  const [matMul, transpose] = [stock('BatchMatMul'), stock('Transpose')];
  if (matMul !== undefined && transpose !== undefined) {
    ours['BatchMatMul'] = wasmMatMul(matMul, transpose);
  }
  return ours;
}

/** seqlab's own kernels (the cells of bptt/cell-ops.ts, the fused Adam update), not in tfjs. */
function newKernelsFor(backend: string): Record<string, KernelFunc> {
  const arrays: Record<string, (b: unknown) => ArrayBackend> = { cpu: cpuArrays, wasm: wasmArrays };
  const over = arrays[backend];
  if (over !== undefined)
    return { ...arrayCellKernels(over), [ADAM_KERNEL]: arrayAdamKernel(over) };
  return {};
}

/**
 * Replaces `backend`'s stock kernels with seqlab's where we have faster ones, and adds the
 * cell, Adam and im2col kernels (cpu, wasm). Idempotent; returns the names installed (empty
 * for backends we leave alone; im2col is not listed). A `KernelInstaller` of @seqlab/tfjs.
 */
export function registerCpuKernels(registry: KernelRegistry, backend: string): string[] {
  if (backend === 'cpu' || backend === 'wasm') registerIm2Col(registry);
  const stock = (name: string): KernelFunc | undefined => {
    const config = registry.getKernel(name, backend);
    return config === undefined || isOurs(config.kernelFunc) ? undefined : config.kernelFunc;
  };
  const replaced: string[] = [];
  for (const [name, kernel] of Object.entries(kernelsFor(backend, stock))) {
    const config = registry.getKernel(name, backend);
    if (config === undefined) continue;
    if (isOurs(config.kernelFunc)) {
      replaced.push(name);
      continue;
    }
    registry.unregisterKernel(name, backend);
    registry.registerKernel({ ...config, kernelFunc: guarded(kernel, config.kernelFunc) });
    replaced.push(name);
  }
  for (const [name, kernelFunc] of Object.entries(newKernelsFor(backend))) {
    if (registry.getKernel(name, backend) === undefined) {
      registry.registerKernel({ kernelName: name, backendName: backend, kernelFunc });
    }
    replaced.push(name);
  }
  return replaced;
}
