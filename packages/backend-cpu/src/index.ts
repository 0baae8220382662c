/**
 * @seqlab/backend-cpu: seqlab's kernels for tfjs's cpu and wasm backends (faster layout,
 * matMul and elementwise kernels over the stock ones; the cell, Adam and im2col kernels the
 * lowering calls by name), shared by the server (@seqlab/backend-node) and the browser
 * (@seqlab/backend-webgl's wasm and cpu fallback). `installCpuKernels` hands them to
 * @seqlab/tfjs's lowering; `registerCpuKernels` installs them now.
 */
import { provideKernels } from '@seqlab/tfjs';
import { registerCpuKernels } from './register.js';

export { registerCpuKernels } from './register.js';

/** Makes the cpu and wasm kernels available to `lowerModule` (idempotent). */
export function installCpuKernels(): void {
  provideKernels(registerCpuKernels);
}
