import { BUILTIN_LAYERS } from '@seqlab/compiler';
import { describe, expect, it } from 'vitest';
import { completionContextAt } from '../../src/editor/completion-context.js';
import { completionsAt } from '../../src/editor/seq-completion.js';

const none = { cells: [], values: [] };

/** Text with a `§` marking the cursor (`|` would clash with pipes). */
function at(marked: string): [string, number] {
  const pos = marked.indexOf('§');
  return [marked.slice(0, pos) + marked.slice(pos + 1), pos];
}

describe('completion context', () => {
  it('offers names after a pipe, with the typed prefix', () => {
    const [text, pos] = at('  x |> gr§');
    expect(completionContextAt(text, pos)).toEqual({
      kind: 'name',
      from: pos - 2,
      prefix: 'gr',
      afterPipe: true,
    });
  });

  it('offers arguments inside a call, minus the ones already given', () => {
    const [text, pos] = at('  x |> gru(64, bidirectional = true, §');
    const ctx = completionContextAt(text, pos);
    expect(ctx).toMatchObject({ kind: 'arg', callee: 'gru', prefix: '' });
    expect(ctx?.kind === 'arg' ? ctx.given : []).toEqual(['bidirectional']);
  });

  it('finds the innermost open call', () => {
    const [text, pos] = at('x |> bidirectional(lstm(32, la§');
    expect(completionContextAt(text, pos)).toMatchObject({
      kind: 'arg',
      callee: 'lstm',
      prefix: 'la',
    });
  });

  it('offers nothing in comments, strings, numbers or after a member dot', () => {
    for (const marked of ['# a gr§', 'conv1d(3, padding = "ca§', 'dense(1§', 'enc.st§']) {
      const [text, pos] = at(marked);
      expect(completionContextAt(text, pos), marked).toBeUndefined();
    }
  });
});

describe('completions', () => {
  it('lists every built-in layer with its signature after a pipe', () => {
    const [text, pos] = at('x |> §');
    const r = completionsAt(text, pos, { cells: ['Elman'], values: ['x'] });
    const labels = r?.options.map((o) => o.label) ?? [];
    for (const name of BUILTIN_LAYERS.keys()) expect(labels).toContain(name);
    expect(labels).toContain('Elman');
    // Values and keywords make no sense as a pipeline stage.
    expect(labels).not.toContain('x');
    expect(labels).not.toContain('model');
    const gru = r?.options.find((o) => o.label === 'gru');
    expect(gru?.detail).toMatch(/^\(hidden/);
  });

  it('completes argument names as `name = `', () => {
    const [text, pos] = at('x |> conv1d(32, 3, di§');
    const r = completionsAt(text, pos, none);
    const dilation = r?.options.find((o) => o.label === 'dilation');
    expect(dilation?.apply).toBe('dilation = ');
    expect(r?.from).toBe(pos - 2);
  });

  it('offers nothing for an unknown callee', () => {
    const [text, pos] = at('x |> mystery(§');
    expect(completionsAt(text, pos, none)).toBeUndefined();
  });
});
