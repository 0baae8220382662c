import { describe, expect, it } from 'vitest';
import { BROWSER_BACKENDS, browserBackendSpec } from '../src/backends.js';
import {
  setupBrowserBackend,
  webgpuUnavailable,
  type BackendRuntime,
  type BrowserEnv,
  type GpuLike,
} from '../src/setup.js';

/** A browser where `working` backends start; others fail the way tfjs reports it. */
function runtime(
  working: readonly string[],
  registered = ['webgpu', 'webgl', 'wasm', 'cpu'],
): BackendRuntime & { tried: string[] } {
  let active = '';
  const tried: string[] = [];
  return {
    tried,
    findBackendFactory: (name) => (registered.includes(name) ? () => ({}) : null),
    async setBackend(name) {
      tried.push(name);
      if (name === 'wasm' && !working.includes(name)) throw new Error('wasm binary 404\nstack');
      if (!working.includes(name)) return false;
      active = name;
      return true;
    },
    ready: async () => undefined,
    getBackend: () => active,
  };
}

/** `navigator.gpu` with an adapter, without one, and one whose request throws. */
const ADAPTER: GpuLike = { requestAdapter: async () => ({ features: new Set() }) };
const NO_ADAPTER: GpuLike = { requestAdapter: async () => null };
const BROKEN: GpuLike = {
  requestAdapter: () => Promise.reject(new Error('GPU process crashed\nat …')),
};

/** A browser with `gpu` as its `navigator.gpu`, where every started backend computes. */
const env = (gpu: GpuLike | null): BrowserEnv => ({ gpu, verify: async () => undefined });

describe('browser backend selection', () => {
  it('lists webgpu, webgl, wasm, cpu in priority order, the first two on the GPU', () => {
    expect(BROWSER_BACKENDS.map((b) => b.choice)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(BROWSER_BACKENDS.filter((b) => b.gpu).map((b) => b.choice)).toEqual(['webgpu', 'webgl']);
    expect(browserBackendSpec('wasm')?.tfName).toBe('wasm');
    expect(browserBackendSpec('webgpu')?.tfName).toBe('webgpu');
    expect(browserBackendSpec('tensorflow')).toBeUndefined();
  });

  it('names why WebGPU is unavailable before asking tfjs to start it', async () => {
    expect(await webgpuUnavailable(ADAPTER)).toBeUndefined();
    expect(await webgpuUnavailable(null)).toBe('no navigator.gpu');
    expect(await webgpuUnavailable(NO_ADAPTER)).toBe('no adapter');
    expect(await webgpuUnavailable(BROKEN)).toBe('requestAdapter failed: GPU process crashed');
  });

  it('starts webgpu when navigator.gpu gives an adapter, with no note', async () => {
    const rt = runtime(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(await setupBrowserBackend(rt, undefined, env(ADAPTER))).toEqual({
      ok: true,
      choice: 'webgpu',
      skipped: [],
    });
    expect(rt.tried).toEqual(['webgpu']);
  });

  it('falls back to webgl, saying why, when there is no adapter or no navigator.gpu', async () => {
    const rt = runtime(['webgpu', 'webgl', 'wasm', 'cpu']);
    const r = await setupBrowserBackend(rt, undefined, env(NO_ADAPTER));
    expect(r).toMatchObject({ ok: true, choice: 'webgl' });
    expect(r.ok && r.note).toBe('webgpu unavailable: no adapter, using webgl');
    // tfjs was never asked to start webgpu: the check came first.
    expect(rt.tried).toEqual(['webgl']);
    const none = await setupBrowserBackend(runtime(['webgl']), 'auto', env(null));
    expect(none.ok && none.note).toBe('webgpu unavailable: no navigator.gpu, using webgl');
    const broken = await setupBrowserBackend(runtime(['webgl']), undefined, env(BROKEN));
    expect(broken.ok && broken.note).toBe(
      'webgpu unavailable: requestAdapter failed: GPU process crashed, using webgl',
    );
  });

  it('falls back when tfjs cannot start webgpu on an adapter it was given', async () => {
    const rt = runtime(['webgl']);
    const r = await setupBrowserBackend(rt, undefined, env(ADAPTER));
    expect(r.ok && r.note).toBe('webgpu could not start, using webgl');
    expect(rt.tried).toEqual(['webgpu', 'webgl']);
    const unregistered = await setupBrowserBackend(
      runtime(['webgl'], ['webgl']),
      undefined,
      env(ADAPTER),
    );
    expect(unregistered.ok && unregistered.note).toBe('webgpu is not registered, using webgl');
  });

  it('falls back when webgpu starts but its results do not read back', async () => {
    const verified: string[] = [];
    const reads: BrowserEnv = {
      gpu: ADAPTER,
      verify: async (choice) => {
        verified.push(choice);
        return choice === 'webgpu' ? 'read-back check gave 0, not 16' : undefined;
      },
    };
    const rt = runtime(['webgpu', 'webgl']);
    const r = await setupBrowserBackend(rt, undefined, reads);
    expect(r).toMatchObject({ ok: true, choice: 'webgl' });
    expect(r.ok && r.note).toBe('webgpu failed: read-back check gave 0, not 16, using webgl');
    expect(rt.tried).toEqual(['webgpu', 'webgl']);
    // Every started backend is checked before it is settled on.
    expect(verified).toEqual(['webgpu', 'webgl']);
  });

  it('falls back to wasm, then cpu, keeping the first line of each reason', async () => {
    const wasm = await setupBrowserBackend(runtime(['wasm', 'cpu']), undefined, env(NO_ADAPTER));
    expect(wasm).toMatchObject({ ok: true, choice: 'wasm' });
    expect(wasm.ok && wasm.note).toBe(
      'webgpu unavailable: no adapter; webgl could not start, using wasm',
    );
    const cpu = await setupBrowserBackend(runtime(['cpu']), undefined, env(null));
    expect(cpu).toMatchObject({ ok: true, choice: 'cpu' });
    expect(cpu.ok && cpu.note).toBe(
      'webgpu unavailable: no navigator.gpu; webgl could not start; wasm failed: wasm binary 404, using cpu',
    );
  });

  it('honours an explicit choice without a note, also webgl where webgpu works', async () => {
    const rt = runtime(['webgpu', 'webgl', 'cpu']);
    expect(await setupBrowserBackend(rt, 'webgl', env(ADAPTER))).toEqual({
      ok: true,
      choice: 'webgl',
      skipped: [],
    });
    expect(rt.tried).toEqual(['webgl']);
    expect(await setupBrowserBackend(runtime(['webgl', 'cpu']), 'cpu', env(null))).toEqual({
      ok: true,
      choice: 'cpu',
      skipped: [],
    });
  });

  it('falls back from an explicit webgpu to the GPU it has, saying why', async () => {
    const r = await setupBrowserBackend(runtime(['webgl', 'cpu']), 'webgpu', env(NO_ADAPTER));
    expect(r).toMatchObject({ ok: true, choice: 'webgl' });
    expect(r.ok && r.note).toBe('webgpu unavailable: no adapter, using webgl');
  });

  it('explains an unknown choice in the note and starts the best backend', async () => {
    const r = await setupBrowserBackend(runtime(['webgpu', 'webgl']), 'tpu', env(ADAPTER));
    expect(r).toMatchObject({ ok: true, choice: 'webgpu' });
    expect(r.ok && r.skipped[0]).toMatch(
      /unknown backend "tpu" \(choose webgpu, webgl, wasm, cpu\)/,
    );
    expect(r.ok && r.note).toMatch(/^unknown backend "tpu" .*, using webgpu$/);
  });

  it('says so when nothing starts', async () => {
    const r = await setupBrowserBackend(runtime([], ['cpu']), undefined, env(NO_ADAPTER));
    expect(r).toEqual({
      ok: false,
      message:
        'no tfjs backend could start: webgpu unavailable: no adapter; webgl is not registered; wasm is not registered; cpu could not start',
    });
  });
});
