/**
 * seqlab's webgl kernels: the cell kernels of @seqlab/tfjs's bptt/cell-ops.ts and the fused
 * Adam update as shader programs (src/kernels), checked against their references in Chromium
 * (`checkSeqlabKernels`, tools/bench/browser). tfjs's own webgl kernels stay.
 */
import { ADAM_KERNEL, provideKernels, type KernelRegistry } from '@seqlab/tfjs';
import { webglAdamKernel } from './kernels/webgl-adam.js';
import { webglCellKernels } from './kernels/webgl-cells.js';

/**
 * Adds the cell and Adam kernels to the webgl backend. Idempotent; returns the names
 * installed (empty for any other backend). A `KernelInstaller` of @seqlab/tfjs.
 */
export function registerWebglKernels(registry: KernelRegistry, backend: string): string[] {
  if (backend !== 'webgl') return [];
  const added: string[] = [];
  for (const [name, kernelFunc] of Object.entries({
    ...webglCellKernels(),
    [ADAM_KERNEL]: webglAdamKernel(),
  })) {
    if (registry.getKernel(name, backend) === undefined) {
      registry.registerKernel({ kernelName: name, backendName: backend, kernelFunc });
    }
    added.push(name);
  }
  return added;
}

/** Makes the webgl kernels available to `lowerModule` (idempotent). */
export function installWebglKernels(): void {
  provideKernels(registerWebglKernels);
}
