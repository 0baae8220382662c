/**
 * The tfjs backends a browser can run on, best first: WebGPU (a GPU adapter from
 * `navigator.gpu`), then WebGL (the GPU, or SwiftShader in a headless Chromium), then
 * WebAssembly with SIMD, then plain JavaScript.
 */

/** The names a user (or a `?backend=` URL parameter) may ask for. */
export type BrowserBackendChoice = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** One browser backend. */
export interface BrowserBackendSpec {
  readonly choice: BrowserBackendChoice;
  /** The name tfjs registers it under (`tf.getBackend()`). */
  readonly tfName: string;
  /** One line for the status bar's tooltip. */
  readonly description: string;
  /** Whether it runs on the GPU (a fallback between these two is still a fast one). */
  readonly gpu: boolean;
}

/** Priority order for the automatic choice. */
export const BROWSER_BACKENDS: readonly BrowserBackendSpec[] = [
  { choice: 'webgpu', tfName: 'webgpu', description: 'WebGPU on the GPU (fastest)', gpu: true },
  { choice: 'webgl', tfName: 'webgl', description: 'WebGL 2 on the GPU', gpu: true },
  {
    choice: 'wasm',
    tfName: 'wasm',
    description: 'WebAssembly with SIMD (no GPU needed)',
    gpu: false,
  },
  {
    choice: 'cpu',
    tfName: 'cpu',
    description: 'plain JavaScript (slowest, always there)',
    gpu: false,
  },
];

/** The spec for a choice, if the name is one. */
export function browserBackendSpec(name: string): BrowserBackendSpec | undefined {
  return BROWSER_BACKENDS.find((b) => b.choice === name);
}

/**
 * The WebAssembly binaries `@tensorflow/tfjs-backend-wasm` fetches at run time. A static
 * build must ship them beside the page (the playground's build copies these names).
 */
export const WASM_FILES: readonly string[] = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];
