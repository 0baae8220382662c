/**
 * Installs seqlab's kernels over the stock ones of the cpu and wasm backends (layout
 * kernels on both; matMul, elementwise, Transpose, PadV2 and Sum on cpu; transposed matMul
 * on wasm). Each keeps the stock kernel's setup function, falls back to it for dtypes it
 * does not handle, and is tested against it for exactness (test/fast-kernels.test.ts). Also
 * adds seqlab's cell kernels (bptt/cell-ops.ts) on cpu, wasm and webgl. Other backends keep their own kernels.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { cpuArrays, wasmArrays, type ArrayBackend } from './array-backend.js';
import { arrayCellKernels } from './array-cells.js';
import { arrayAdamKernel } from './array-adam.js';
import { webglAdamKernel } from './webgl-adam.js';
import { ADAM_KERNEL } from '../train/adam-update.js';
import { cpuCopyKernels } from './cpu-copy-kernels.js';
import { cpuKernels } from './cpu-kernels.js';
import { layoutKernels } from './layout-kernels.js';
import { wasmMatMul } from './wasm-kernels.js';
import { webglCellKernels } from './webgl-cells.js';

/** Registry functions of tfjs-core (the injected instance: the right registry). */
export interface KernelRegistry {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  unregisterKernel(name: string, backend: string): void;
  registerKernel(config: KernelConfig): void;
}

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
  if (backend === 'webgl') return { ...webglCellKernels(), [ADAM_KERNEL]: webglAdamKernel() };
  return {};
}

/**
 * Replaces `backend`'s stock kernels with seqlab's where we have faster ones, and adds the
 * cell kernels (cpu, wasm, webgl). Idempotent; returns the names installed (empty for
 * backends we leave alone).
 */
export function registerFastKernels(registry: KernelRegistry, backend: string): string[] {
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
