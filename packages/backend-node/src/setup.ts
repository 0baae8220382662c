/**
 * Choosing and starting the tfjs backend on a server: `--backend NAME`, or the best one
 * installed. A named backend that is missing gives one line with the install command.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { installCpuKernels } from '@seqlab/backend-cpu';
import { BACKENDS, backendSpec, type BackendChoice, type BackendSpec } from './backends.js';
import { prepareThreadedWasm, releaseWasmPool, type WasmModuleApi } from './wasm-threads.js';

/** The tfjs-core namespace the backends register into (the one `@seqlab/tfjs` uses). */
export type TfCore = typeof tf;

/** A backend that is running. */
export interface ReadyBackend {
  readonly ok: true;
  readonly choice: BackendChoice;
  readonly tf: TfCore;
  /** Backends tried before this one and why they were skipped (for `--verbose`). */
  readonly skipped: readonly string[];
  /** Threads the backend computes products on (wasm's XNNPACK pool; 1 elsewhere). */
  readonly threads: number;
}

/** How to start a backend, beyond which one. */
export interface BackendOptions {
  /**
   * XNNPACK threads for wasm: 1 starts the single-thread build (tfjs's default in Node),
   * more starts the threaded build (see wasm-threads.ts). Ignored by other backends.
   */
  readonly threads?: number;
}

/** Why no backend could be started: one line meant for the user. */
export interface BackendError {
  readonly ok: false;
  readonly message: string;
}

/** Finds and loads packages; injectable so tests can play an installed tfjs-node. */
export interface PackageLoader {
  /** Whether `pkg` is installed (resolvable from here). */
  isInstalled(pkg: string): boolean;
  /** Import it (runs its side effects: backend registration). */
  load(pkg: string): Promise<unknown>;
}

/** Node's own resolution and dynamic import. */
export const nodeLoader: PackageLoader = {
  isInstalled(pkg) {
    try {
      createRequire(import.meta.url).resolve(pkg);
      return true;
    } catch (e) {
      // Present but without a CommonJS entry still counts as installed.
      return (e as { code?: unknown }).code !== 'MODULE_NOT_FOUND';
    }
  },
  load: (pkg) => import(pkg),
};

function installHint(spec: BackendSpec): string {
  return `npm install ${spec.pkg}@${tf.version_core}`;
}

/** What a backend package exports that setup uses (wasm's extras are optional). */
type BackendModule = Partial<WasmModuleApi> & {
  setWasmPaths?: (p: string) => void;
  /** The wasm pool's thread count, once the backend is ready. */
  getThreadsCount?: () => number;
};

/** Import a backend's package; a string says why it could not. */
async function loadBackend(
  spec: BackendSpec,
  loader: PackageLoader,
): Promise<BackendModule | string> {
  if (!loader.isInstalled(spec.pkg)) {
    return `${spec.choice} is not installed (${installHint(spec)})`;
  }
  try {
    const mod = (await loader.load(spec.pkg)) as BackendModule;
    if (spec.choice === 'wasm' && mod.setWasmPaths) {
      // In Node the .wasm binaries are read from the package's dist folder.
      const require = createRequire(import.meta.url);
      mod.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    }
    return mod;
  } catch (e) {
    return `${spec.choice} is installed but failed to load: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** The threaded wasm build's start-up patches, when `threads` asks for more than one. */
function threadedStart(mod: BackendModule, threads: number): (() => void) | undefined {
  if (threads <= 1 || !mod.setThreadsCount) return undefined;
  return prepareThreadedWasm(tf, { setThreadsCount: mod.setThreadsCount }, threads);
}

/** Import and activate one backend; a number is its thread count, a string says why not. */
async function tryBackend(
  spec: BackendSpec,
  loader: PackageLoader,
  threads: number,
): Promise<number | string> {
  const mod = await loadBackend(spec, loader);
  if (typeof mod === 'string') return mod;
  // Production mode: no debug checks, and no console banner telling a cpu user to install
  // tfjs-node (the CLI already says which backend runs and how to install a faster one).
  tf.enableProdMode();
  if (!tf.findBackendFactory(spec.tfName)) {
    // tfjs-node registers into the tfjs-core it depends on; a second copy is invisible here.
    return `${spec.choice} loaded but registered no "${spec.tfName}" backend with this tfjs-core ${tf.version_core}; install a matching version (${installHint(spec)})`;
  }
  const undo = spec.choice === 'wasm' ? threadedStart(mod, threads) : undefined;
  try {
    const ok = await tf.setBackend(spec.tfName);
    if (!ok) return `${spec.choice} failed to initialise`;
    await tf.ready();
  } catch (e) {
    return `${spec.choice} failed to initialise: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    undo?.();
  }
  if (undo === undefined) return 1;
  releaseWasmPool(tf);
  return mod.getThreadsCount?.() ?? 1;
}

/**
 * Start `requested` (a {@link BackendChoice}), or the best installed backend when it is
 * `undefined` or `'auto'`. seqlab's wasm and cpu kernels (@seqlab/backend-cpu) are handed
 * to the lowering, which installs them unless told `kernels: 'stock'`.
 */
export async function setupBackend(
  requested?: string,
  loader: PackageLoader = nodeLoader,
  options: BackendOptions = {},
): Promise<ReadyBackend | BackendError> {
  const threads = options.threads ?? 1;
  installCpuKernels();
  if (requested !== undefined && requested !== 'auto') {
    const spec = backendSpec(requested);
    if (!spec) {
      return {
        ok: false,
        message: `unknown backend "${requested}"; choose one of ${BACKENDS.map((b) => b.choice).join(', ')} or auto`,
      };
    }
    const r = await tryBackend(spec, loader, threads);
    return typeof r === 'number'
      ? { ok: true, choice: spec.choice, tf, skipped: [], threads: r }
      : { ok: false, message: `backend ${r}` };
  }
  const skipped: string[] = [];
  for (const spec of BACKENDS) {
    const r = await tryBackend(spec, loader, threads);
    if (typeof r === 'number') return { ok: true, choice: spec.choice, tf, skipped, threads: r };
    skipped.push(r);
  }
  return { ok: false, message: `no tfjs backend could start: ${skipped.join('; ')}` };
}
