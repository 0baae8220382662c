/**
 * What really executes the backend, for the test's summary line: headless Chromium's WebGL
 * and WebGPU both run on SwiftShader (the CPU), so these are not GPU numbers, only GPU
 * float32 arithmetic.
 */
import * as tf from '@tensorflow/tfjs-core';
import { webglRenderer } from '../../../bench/browser/page/renderer.js';

/** The fields of tfjs-backend-webgpu's `adapterInfo` read here (no @webgpu/types needed). */
interface WithAdapterInfo {
  readonly adapterInfo?: { readonly vendor?: string; readonly architecture?: string };
}

/** The WebGL renderer string, the WebGPU adapter's vendor and architecture, or ''. */
export function gpuRenderer(backend: string): string {
  if (backend === 'webgl') return webglRenderer();
  if (backend !== 'webgpu') return '';
  const info = (tf.backend() as unknown as WithAdapterInfo).adapterInfo;
  return `WebGPU adapter ${info?.vendor || '?'} / ${info?.architecture || '?'}`;
}
