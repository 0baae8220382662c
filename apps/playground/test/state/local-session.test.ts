import { describe, expect, it } from 'vitest';
import { loadSession, saveSession, type KeyValueStore } from '../../src/state/local-session.js';
import { stateOf } from '../../src/state/playground-state.js';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('local session', () => {
  it('restores what was saved', () => {
    const store = memoryStore();
    const s = { ...stateOf('model X { }', 'x.seq'), set: { hidden: 32 } };
    saveSession(store, s);
    expect(loadSession(store)).toEqual(s);
  });

  it('is empty when nothing (or garbage) was saved', () => {
    const store = memoryStore();
    expect(loadSession(store)).toBeUndefined();
    store.data.set('seqlab-playground:last-session', 'garbage');
    expect(loadSession(store)).toBeUndefined();
  });

  it('survives storage that throws (private windows, full quota)', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(() => saveSession(broken, stateOf('x'))).not.toThrow();
    expect(loadSession(broken)).toBeUndefined();
  });
});
