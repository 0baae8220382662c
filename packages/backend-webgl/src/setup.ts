/**
 * Choosing and starting the tfjs backend in a browser: the one asked for, or the best one
 * that starts. Falling back is never silent: the result carries a note for the status bar.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import { installCpuKernels } from '@seqlab/backend-cpu';
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

async function tryStart(
  rt: BackendRuntime,
  choice: BrowserBackendChoice,
  tfName: string,
): Promise<true | string> {
  if (!rt.findBackendFactory(tfName)) return `${choice} is not registered`;
  try {
    // setBackend resolves false (rather than throwing) when e.g. no WebGL context exists.
    if (!(await rt.setBackend(tfName))) return `${choice} could not start`;
    await rt.ready();
    return rt.getBackend() === tfName ? true : `${choice} did not become active`;
  } catch (e) {
    return `${choice} failed: ${String((e as Error).message ?? e).split('\n')[0]}`;
  }
}

/**
 * Start `requested` if given (and fall back to the rest in priority order if it cannot
 * start), else the best backend that starts. `webgl` is the one a browser is expected to
 * have; anything else gets a `note` saying why. seqlab's kernels of all three (webgl's
 * shaders, @seqlab/backend-cpu's wasm and cpu kernels) are handed to the lowering.
 */
export async function setupBrowserBackend(
  rt: BackendRuntime,
  requested?: string,
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
    const r = await tryStart(rt, spec.choice, spec.tfName);
    if (r !== true) {
      skipped.push(r);
      continue;
    }
    const expected = first?.choice ?? 'webgl';
    const note =
      spec.choice === expected
        ? undefined
        : `running on ${spec.choice}: ${skipped.join('; ') || `${expected} was not tried`}`;
    return { ok: true, choice: spec.choice, skipped, ...(note ? { note } : {}) };
  }
  return { ok: false, message: `no tfjs backend could start: ${skipped.join('; ')}` };
}
