/**
 * What the backend really runs on. Headless Chromium's WebGL is SwiftShader (software GL
 * on the CPU), so "webgl" numbers here are not GPU numbers; the table must say so.
 */
import type { Tf } from '@seqlab/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** The unmasked WebGL 2 renderer string, or why there is none. */
export function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL 2 context';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = info
    ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
    : gl.getParameter(gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return String(name);
}

/** Minimal WebGPU types: the page's lib has no `navigator.gpu`. */
interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
}
interface GpuLike {
  requestAdapter(): Promise<{ readonly info?: GpuAdapterInfo } | null>;
}

/** The WebGPU adapter as Chromium describes it (SwiftShader here), or why there is none. */
export async function webgpuAdapter(): Promise<string> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return 'no navigator.gpu';
  const adapter = await gpu.requestAdapter();
  if (!adapter) return 'no WebGPU adapter';
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.description].filter((s) => !!s);
  return `WebGPU: ${parts.join(', ') || 'adapter without a description'}`;
}

/** The wasm backend's flavour: SIMD or not, threads or not (threads need cross-origin isolation). */
export function wasmFlavour(tf: Tf): string {
  const flag = (name: string): boolean => {
    try {
      return tf.env().getBool(name);
    } catch {
      return false;
    }
  };
  const simd = flag('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  // XNNPACK's pool as the backend started it: more than one thread only in the threaded
  // build, which tfjs loads when the page is cross-origin isolated (SharedArrayBuffer).
  const pool = getThreadsCount();
  const build = flag('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threaded build' : 'single-thread build';
  return `WebAssembly ${simd}, ${build}, ${pool === 1 ? '1 thread' : `${pool} threads`}`;
}
