import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, setOf } from '../../src/state/url-state.js';
import { stateOf, type PlaygroundState } from '../../src/state/playground-state.js';

const full: PlaygroundState = {
  source:
    'model A(h = 4) {\n  input x: [B, T, 3]  # ünïcödé → ✓\n  x |> rnn(h) -> y\n  output y\n}\n',
  example: 'names.seq',
  model: 'A',
  set: { h: 8, act: 'relu', flag: true, widths: [4, 8] },
  dataset: 'sine',
  train: { lr: 0.01, batch: 16, epochs: 3, clipNorm: 1 },
  panel: 'unrolled',
  steps: 5,
};

describe('URL state', () => {
  it('round-trips every field, including non-ASCII text', () => {
    const hash = encodeState(full);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(decodeState(hash)).toEqual(full);
  });

  it('round-trips a minimal state', () => {
    const s = stateOf('model M { }');
    expect(decodeState(encodeState(s))).toEqual(s);
  });

  it('rejects fragments that are not states', () => {
    expect(decodeState('')).toBeUndefined();
    expect(decodeState('#other=1')).toBeUndefined();
    expect(decodeState('#s=!!!not-base64')).toBeUndefined();
    const wrongVersion = `#s=${btoa(JSON.stringify({ v: 99, source: 'x' }))}`;
    expect(decodeState(wrongVersion)).toBeUndefined();
    const noSource = `#s=${btoa(JSON.stringify({ v: 1, set: {} }))}`;
    expect(decodeState(noSource)).toBeUndefined();
  });

  it('drops fields a hand-made link gets wrong instead of trusting them', () => {
    const raw = {
      v: 1,
      source: 'model M { }',
      set: { ok: 3, 'bad key': 1, obj: { a: 1 }, nan: 'x', list: [1, 'a'] },
      train: { lr: -1, batch: 8, epochs: 'ten' },
      panel: 'nope',
      steps: 2.5,
    };
    const hash = `#s=${btoa(JSON.stringify(raw)).replace(/=+$/, '')}`;
    expect(decodeState(hash)).toEqual({
      source: 'model M { }',
      set: { ok: 3, nan: 'x' },
      train: { batch: 8 },
    });
  });

  it("checks a run config.json's overrides the same way (setOf)", () => {
    // Text stays text (the payload is a string override, shown escaped); keys are names.
    const payload = '<img src=x onerror="window.__pwned=1">';
    const raw: unknown = JSON.parse(
      `{"hidden": ${JSON.stringify(payload)}, "__proto__": {"x": 1}, "a-b": 2, "w": [1, {}]}`,
    );
    expect(setOf(raw)).toEqual({ hidden: payload });
    const proto = setOf(JSON.parse('{"__proto__": [1, 2]}'));
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(setOf('hidden=4')).toEqual({});
    expect(setOf(null)).toEqual({});
  });
});
