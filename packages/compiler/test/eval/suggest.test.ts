import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../src/eval/suggest.js';

describe('did-you-mean suggestions', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('gur', 'gru')).toBe(1);
    expect(editDistance('lsmt', 'lstm')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests gru for gur, and nothing for a name far from every candidate', () => {
    const layers = ['rnn', 'lstm', 'gru', 'dense', 'conv1d'];
    expect(closest('gur', layers)).toBe('gru');
    expect(didYouMean('desne', layers)).toBe('; did you mean `dense`?');
    expect(closest('frobnicate', layers)).toBeUndefined();
  });

  it('is a distance: symmetric, zero only for equal names, at most the longer length', () => {
    const word = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});
