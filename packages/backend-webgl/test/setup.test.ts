import { describe, expect, it } from 'vitest';
import { BROWSER_BACKENDS, browserBackendSpec } from '../src/backends.js';
import { setupBrowserBackend, type BackendRuntime } from '../src/setup.js';

/** A browser where `working` backends start; others fail the way tfjs reports it. */
function runtime(
  working: readonly string[],
  registered = ['webgl', 'wasm', 'cpu'],
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

describe('browser backend selection', () => {
  it('lists webgl, wasm, cpu in priority order', () => {
    expect(BROWSER_BACKENDS.map((b) => b.choice)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(browserBackendSpec('wasm')?.tfName).toBe('wasm');
    expect(browserBackendSpec('tensorflow')).toBeUndefined();
  });

  it('starts webgl when it works, with no note', async () => {
    const rt = runtime(['webgl', 'wasm', 'cpu']);
    expect(await setupBrowserBackend(rt)).toEqual({ ok: true, choice: 'webgl', skipped: [] });
    expect(rt.tried).toEqual(['webgl']);
  });

  it('falls back to wasm with a visible note when WebGL cannot start', async () => {
    const r = await setupBrowserBackend(runtime(['wasm', 'cpu']));
    expect(r).toMatchObject({ ok: true, choice: 'wasm' });
    expect(r.ok && r.note).toBe('running on wasm: webgl could not start');
  });

  it('falls back to cpu when wasm fails too, keeping the first line of each reason', async () => {
    const r = await setupBrowserBackend(runtime(['cpu']));
    expect(r).toMatchObject({ ok: true, choice: 'cpu' });
    expect(r.ok && r.note).toBe(
      'running on cpu: webgl could not start; wasm failed: wasm binary 404',
    );
  });

  it('honours an explicit choice without a note, and explains an unknown one', async () => {
    expect(await setupBrowserBackend(runtime(['webgl', 'cpu']), 'cpu')).toEqual({
      ok: true,
      choice: 'cpu',
      skipped: [],
    });
    const r = await setupBrowserBackend(runtime(['webgl']), 'tpu');
    expect(r).toMatchObject({ ok: true, choice: 'webgl' });
    expect(r.ok && r.note).toBeUndefined();
    expect(r.ok && r.skipped[0]).toMatch(/unknown backend "tpu"/);
  });

  it('says so when nothing starts', async () => {
    const r = await setupBrowserBackend(runtime([], ['cpu']));
    expect(r).toEqual({
      ok: false,
      message:
        'no tfjs backend could start: webgl is not registered; wasm is not registered; cpu could not start',
    });
  });
});
