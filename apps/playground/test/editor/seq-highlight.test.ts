import { describe, expect, it } from 'vitest';
import { highlightSpans } from '../../src/editor/seq-highlight.js';

describe('highlighting from the lexer', () => {
  it('classes keywords, layers, pipes, numbers, strings and comments', () => {
    const text = 'model A(n = 2) {\n  x |> conv1d(n, 3, padding = "same") -> y  # note\n}';
    const spans = highlightSpans(text);
    const cls = (word: string): string | undefined =>
      spans.find((s) => text.slice(s.from, s.to) === word)?.cls;
    expect(cls('model')).toBe('tok-keyword');
    expect(cls('conv1d')).toBe('tok-layer');
    expect(cls('x')).toBe('tok-identifier');
    expect(cls('|>')).toBe('tok-pipe');
    expect(cls('->')).toBe('tok-pipe');
    expect(cls('3')).toBe('tok-number');
    expect(cls('"same"')).toBe('tok-string');
    expect(cls('# note')).toBe('tok-comment');
  });

  it('returns spans in document order (comments merged in)', () => {
    const text = '# first\nmodel A { } # trailing\n# last';
    const froms = highlightSpans(text).map((s) => s.from);
    expect(froms).toEqual([...froms].sort((a, b) => a - b));
    expect(froms.length).toBe(7);
  });

  it('survives text the lexer rejects', () => {
    expect(() => highlightSpans('model $$$ { ` }')).not.toThrow();
  });
});
