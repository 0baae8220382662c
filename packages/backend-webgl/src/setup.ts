/**
 * Choosing and starting the tfjs backend in a browser: the one asked for, or the best one
 * that starts. Falling back is never silent: the result carries a note for the status bar
 * that names each backend passed over and why ("webgpu unavailable: no adapter, using webgl").
 */
import * as TfCore from '@tensorflow/tfjs-core';
import { installCpuKernels } from '@seqlab/backend-cpu';
import { readBackProblem } from '@seqlab/backend-webgpu';
import { BROWSER_BACKENDS, browserBackendSpec, type BrowserBackendChoice } from './backends.js';
import { installWebglKernels } from './register-kernels.js';

/** The tfjs-core namespace (the same one `@seqlab/tfjs` lowers onto). */
export type BrowserTf = typeof TfCore;

/** The few tfjs calls backend selection needs; injectable so tests can play a browser. */
export interface BackendRuntime {
  findBackendFactory(name: string): unknown;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

/** The part of `navigator.gpu` the WebGPU check uses; injectable for tests. */
export interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/**
 * What the browser offers beyond tfjs (injectable for tests): `navigator.gpu`, and a check
 * that a started backend really computes (`undefined` when it does, else why not).
 */
export interface BrowserEnv {
  readonly gpu: GpuLike | null;
  verify(choice: BrowserBackendChoice): Promise<string | undefined>;
}

/** A running backend. */
export interface ReadyBrowserBackend {
  readonly ok: true;
  readonly choice: BrowserBackendChoice;
  /** Backends tried first and why they did not start. */
  readonly skipped: readonly string[];
  /** Set when this is not the backend that was wanted: one line to show the user. */
  readonly note?: string;
}

/** Why no backend started. */
export interface BrowserBackendError {
  readonly ok: false;
  readonly message: string;
}

/** This page's or worker's `navigator.gpu`, or null where the browser has none. */
export function browserGpu(): GpuLike | null {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? null;
}

const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0] ?? '';

/**
 * Why WebGPU cannot start here, or true. Asked before `setBackend('webgpu')` because tfjs
 * only logs its reason (and does not register the backend at all without `navigator.gpu`),
 * and the user should read the specific one: no `navigator.gpu`, no adapter, or an error.
 */
export async function webgpuUnavailable(gpu: GpuLike | null): Promise<string | undefined> {
  if (gpu === null) return 'no navigator.gpu';
  try {
    return (await gpu.requestAdapter()) ? undefined : 'no adapter';
  } catch (e) {
    return `requestAdapter failed: ${firstLine(e)}`;
  }
}

/**
 * The browser itself: its `navigator.gpu`, and for webgpu a read-back check (an adapter and
 * a device are not enough on every set-up; see @seqlab/backend-webgpu's read-back.ts).
 */
export function browserEnv(): BrowserEnv {
  return {
    gpu: browserGpu(),
    verify: (choice) =>
      choice === 'webgpu' ? readBackProblem(TfCore) : Promise.resolve(undefined),
  };
}

async function tryStart(
  rt: BackendRuntime,
  env: BrowserEnv,
  choice: BrowserBackendChoice,
  tfName: string,
): Promise<true | string> {
  if (choice === 'webgpu') {
    const why = await webgpuUnavailable(env.gpu);
    if (why !== undefined) return `webgpu unavailable: ${why}`;
  }
  if (!rt.findBackendFactory(tfName)) return `${choice} is not registered`;
  try {
    // setBackend resolves false (rather than throwing) when e.g. no WebGL context exists.
    if (!(await rt.setBackend(tfName))) return `${choice} could not start`;
    await rt.ready();
    if (rt.getBackend() !== tfName) return `${choice} did not become active`;
    const broken = await env.verify(choice);
    return broken === undefined ? true : `${choice} failed: ${broken}`;
  } catch (e) {
    return `${choice} failed: ${firstLine(e)}`;
  }
}

/**
 * Start `requested` if given (and fall back to the rest in priority order if it cannot
 * start), else the best backend that starts: webgpu, webgl, wasm, cpu. Whenever one was
 * passed over (or `requested` is no backend) the result has a `note` saying which and why.
 * seqlab's kernels (webgl's shaders, @seqlab/backend-cpu's wasm and cpu kernels) are handed
 * to the lowering; webgpu has none of its own yet, so the lowering uses tfjs's stock ops.
 * `env` is the browser's `navigator.gpu` and the started backend's check (tests inject it).
 */
export async function setupBrowserBackend(
  rt: BackendRuntime,
  requested?: string,
  env: BrowserEnv = browserEnv(),
): Promise<ReadyBrowserBackend | BrowserBackendError> {
  installWebglKernels();
  installCpuKernels();
  const wanted = requested === undefined || requested === 'auto' ? undefined : requested;
  const first = wanted === undefined ? undefined : browserBackendSpec(wanted);
  const skipped: string[] = [];
  if (wanted !== undefined && !first) {
    skipped.push(
      `unknown backend "${wanted}" (choose ${BROWSER_BACKENDS.map((b) => b.choice).join(', ')})`,
    );
  }
  const order = first ? [first, ...BROWSER_BACKENDS.filter((b) => b !== first)] : BROWSER_BACKENDS;
  for (const spec of order) {
    const r = await tryStart(rt, env, spec.choice, spec.tfName);
    if (r !== true) {
      skipped.push(r);
      continue;
    }
    const note = skipped.length ? `${skipped.join('; ')}, using ${spec.choice}` : undefined;
    return { ok: true, choice: spec.choice, skipped, ...(note ? { note } : {}) };
  }
  return { ok: false, message: `no tfjs backend could start: ${skipped.join('; ')}` };
}
