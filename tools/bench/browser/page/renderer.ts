/**
 * What the backend really runs on. Headless Chromium's WebGL is SwiftShader (software GL
 * on the CPU), so "webgl" numbers here are not GPU numbers; the table must say so.
 */
import type { Tf } from '@seqlab/tfjs';

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
  const threads = flag('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : '1 thread';
  return `WebAssembly ${simd}, ${threads}`;
}
