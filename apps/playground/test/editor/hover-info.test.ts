import { describe, expect, it } from 'vitest';
import { compileSource, EDITOR_FILE } from '../../src/compile/compile-source.js';
import { exampleNamed } from '../../src/compile/examples.js';
import { hoverInfoAt } from '../../src/editor/hover-info.js';

const names = exampleNamed('names.seq')?.text ?? '';

function hover(text: string, needle: string, nth = 0): string | undefined {
  const c = compileSource(text);
  if (!c.result.module || !c.report) throw new Error('expected a module');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  return hoverInfoAt(text, at + 1, EDITOR_FILE, c.result.module, c.report.layers)?.text;
}

describe('hover', () => {
  it('shows a layer call output shape and parameters', () => {
    const c = compileSource(names);
    const gru = c.report?.layers.find((l) => l.op === 'gru');
    expect(hover(names, 'gru(')).toBe(
      `gru0 (gru) → [B, T, 64] · ${gru?.params.toLocaleString('en-US')} params`,
    );
  });

  it('shows a bare layer in a pipeline', () => {
    expect(hover(names, 'last')).toBe('last0 (last) → [B, 64] · 0 params');
  });

  it('shows a named value and an input with its vocabulary bound', () => {
    expect(hover(names, 'logits', 0)).toBe('logits: [B, 2]');
    expect(hover(names, 'name |>')).toBe('name: [B, T] int < 32');
  });

  it('follows hyperparameter overrides', () => {
    const c = compileSource(names, { set: { hidden: 16 } });
    if (!c.result.module || !c.report) throw new Error('expected a module');
    const at = names.indexOf('gru(') + 1;
    expect(hoverInfoAt(names, at, EDITOR_FILE, c.result.module, c.report.layers)?.text).toContain(
      '[B, T, 16]',
    );
  });

  it('shows nothing on keywords or numbers', () => {
    expect(hover(names, 'model')).toBeUndefined();
    expect(hover(names, '3e-3')).toBeUndefined();
  });
});
