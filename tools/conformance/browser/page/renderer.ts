/**
 * What really executes the backend, for the test's summary line: headless Chromium's WebGL
 * and WebGPU both run on SwiftShader (the CPU), so these runs check GPU float32 arithmetic,
 * not GPU speed. (tools/bench/browser/page/renderer.ts has a WebGL twin; it is not imported
 * so that this suite does not move with the bench page.)
 */
import * as tf from '@tensorflow/tfjs-core';

/** The fields of tfjs-backend-webgpu's `adapterInfo` read here (no @webgpu/types needed). */
interface WithAdapterInfo {
  readonly adapterInfo?: { readonly vendor?: string; readonly architecture?: string };
}

/** The unmasked WebGL 2 renderer string, or why there is none. */
function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL 2 context';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return String(name);
}

/** The WebGL renderer, the WebGPU adapter's vendor and architecture, or '' for others. */
export function gpuRenderer(backend: string): string {
  if (backend === 'webgl') return webglRenderer();
  if (backend !== 'webgpu') return '';
  const info = (tf.backend() as unknown as WithAdapterInfo).adapterInfo;
  return `WebGPU adapter ${info?.vendor || '?'} / ${info?.architecture || '?'}`;
}
