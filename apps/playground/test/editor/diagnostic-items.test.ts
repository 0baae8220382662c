import { check, memoryHost } from '@seqlab/compiler';
import { describe, expect, it } from 'vitest';
import { diagnosticItems, suggestedFix } from '../../src/editor/diagnostic-items.js';

const file = 'model.seq';

describe('diagnostic items', () => {
  it('places an unknown layer at its line:col with the compiler code and message', () => {
    const text = 'model M {\n  input x: [B, T, 4]\n  x |> frobnicate(3) -> y\n  output y\n}\n';
    const r = check(text, { file });
    const items = diagnosticItems(r.diagnostics, r.sources, file, text.length);
    expect(items.length).toBeGreaterThan(0);
    const first = items[0];
    const d = r.diagnostics[0];
    if (!first || !d) throw new Error('expected a diagnostic');
    expect(text.slice(first.from, first.to)).toContain('frobnicate');
    expect(first.line).toBe(3);
    expect(first.col).toBe((text.split('\n')[2] ?? '').indexOf('frobnicate') + 1);
    expect(first.text).toBe(`3:${first.col} error ${d.code}: ${d.message}`);
    expect(first.code).toMatch(/^SEQ\d{4}$/);
  });

  it('gives an empty span at the end of the file a visible one-character marker', () => {
    const text = 'model M {\n  input x: [B, T, 4]\n';
    const r = check(text, { file });
    const items = diagnosticItems(r.diagnostics, r.sources, file, text.length);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.to).toBeGreaterThan(i.from);
      expect(i.to).toBeLessThanOrEqual(text.length);
    }
  });

  it('shows a problem inside an imported file at the top, naming that file', () => {
    const lib = 'cell Broken(h) {\n  state s: [h] = zeros\n  s = tanh(nope)\n  emit s\n}\n';
    const text =
      'import "lib.seq"\nmodel M {\n  input x: [B, T, 4]\n  x |> Broken(3) -> y\n  output y\n}\n';
    const r = check(text, { file, host: memoryHost({ 'lib.seq': lib }) });
    const items = diagnosticItems(r.diagnostics, r.sources, file, text.length);
    const foreign = items.find((i) => i.text.startsWith('lib.seq:'));
    expect(foreign).toBeDefined();
    expect(foreign?.from).toBe(0);
    expect(foreign?.text).toMatch(/^lib\.seq:3:\d+ error SEQ/);
  });

  it('is empty for a clean model', () => {
    const text = 'model M {\n  input x: [B, T, 4]\n  x |> rnn(8) -> y\n  output y\n}\n';
    const r = check(text, { file });
    expect(diagnosticItems(r.diagnostics, r.sources, file, text.length)).toEqual([]);
  });
});

describe('did-you-mean quick fixes', () => {
  it('offers gru for the typo gur, on the marker that covers exactly `gur`', () => {
    const text = 'model M {\n  input x: [B, T, 4]\n  x |> gur(8) -> y\n  output y\n}\n';
    const r = check(text, { file });
    const items = diagnosticItems(r.diagnostics, r.sources, file, text.length, text);
    const typo = items.find((i) => i.code === 'SEQ2001');
    expect(typo?.message).toContain('did you mean `gru`?');
    expect(typo?.suggestion).toBe('gru');
    expect(text.slice(typo?.from, typo?.to)).toBe('gur');
  });

  it('offers nothing where the marked text is not the quoted name, or there is no suggestion', () => {
    expect(suggestedFix('unknown layer `gur`; did you mean `gru`?', 'gur')).toBe('gru');
    expect(suggestedFix('unknown layer `gur`; did you mean `gru`?', 'gur(8)')).toBeUndefined();
    expect(suggestedFix('unknown layer `frobnicate`', 'frobnicate')).toBeUndefined();
  });
});
