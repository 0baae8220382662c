/**
 * The kernel contract between the lowering and the backend packages. seqlab's own kernels
 * live in the backend packages (`@seqlab/backend-cpu`: cpu and wasm; `@seqlab/backend-webgl`:
 * webgl); each backend's setup hands its installer to {@link provideKernels}, and
 * `lowerModule` installs them for the active backend through {@link registerFastKernels}
 * unless `kernels: 'stock'`. This package knows the kernels' names (bptt/cell-ops.ts,
 * train/adam-update.ts, im2col.ts) and never imports a backend package.
 */
import type { KernelConfig } from '@tensorflow/tfjs-core';

/** Registry functions of tfjs-core (the injected instance: the right registry). */
export interface KernelRegistry {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  unregisterKernel(name: string, backend: string): void;
  registerKernel(config: KernelConfig): void;
}

/**
 * Installs a backend package's kernels for `backend` (idempotent) and returns the names
 * installed: empty for a backend the package does not serve.
 */
export type KernelInstaller = (registry: KernelRegistry, backend: string) => string[];

const installers: KernelInstaller[] = [];

/** Makes a backend package's kernels available to {@link registerFastKernels}; once each. */
export function provideKernels(installer: KernelInstaller): void {
  if (!installers.includes(installer)) installers.push(installer);
}

/**
 * Installs, for `backend`, the seqlab kernels the backend packages provided (replacing
 * stock kernels where theirs are faster, adding the cell, Adam and im2col kernels).
 * Idempotent; returns the names installed (empty where no package provided any).
 */
export function registerFastKernels(registry: KernelRegistry, backend: string): string[] {
  return installers.flatMap((install) => install(registry, backend));
}
