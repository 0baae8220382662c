/**
 * The tfjs backends a server can run on, best first. tfjs-node(-gpu) bind libtensorflow
 * (CUDA for -gpu); they are optional dependencies a user installs, so they are loaded with a
 * dynamic import and may be missing. wasm (SIMD; threaded with --threads) and cpu are embedded.
 */

/** The names users pass to `--backend`. */
export type BackendChoice = 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu';

/** How to load one backend. */
export interface BackendSpec {
  readonly choice: BackendChoice;
  /** The npm package that provides it. */
  readonly pkg: string;
  /** The name tfjs registers it under (`tf.getBackend()`). */
  readonly tfName: string;
  /** One line for `--help`. */
  readonly description: string;
}

/** Priority order for automatic choice. */
export const BACKENDS: readonly BackendSpec[] = [
  {
    choice: 'tfjs-node-gpu',
    pkg: '@tensorflow/tfjs-node-gpu',
    tfName: 'tensorflow',
    description: 'libtensorflow with CUDA (needs an NVIDIA GPU; optional, installed separately)',
  },
  {
    choice: 'tfjs-node',
    pkg: '@tensorflow/tfjs-node',
    tfName: 'tensorflow',
    description: 'libtensorflow on the CPU (optional, installed separately)',
  },
  {
    choice: 'wasm',
    pkg: '@tensorflow/tfjs-backend-wasm',
    tfName: 'wasm',
    description: 'WebAssembly with SIMD, threaded with --threads (embedded default)',
  },
  {
    choice: 'cpu',
    pkg: '@tensorflow/tfjs-backend-cpu',
    tfName: 'cpu',
    description: 'plain JavaScript (embedded; slowest, exactly repeatable)',
  },
];

/** The spec for a choice, if the name is one. */
export function backendSpec(name: string): BackendSpec | undefined {
  return BACKENDS.find((b) => b.choice === name);
}
