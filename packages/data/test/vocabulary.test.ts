import { describe, expect, it } from 'vitest';
import { BOS, EOS, PAD, UNK, Vocabulary, countAll } from '../src/index.js';

describe('Vocabulary', () => {
  it('reserves <pad> = 0 and <unk> = 1, then bos/eos, then tokens by count', () => {
    const v = Vocabulary.fromTokens(countAll('abracadabra'), { bos: true, eos: true });
    expect(v.tokens.slice(0, 4)).toEqual([PAD, UNK, BOS, EOS]);
    // a:5, b:2, r:2, c:1, d:1 -> count descending, ties alphabetical
    expect(v.tokens.slice(4)).toEqual(['a', 'b', 'r', 'c', 'd']);
    expect(v.size).toBe(9);
    expect(v.bosId).toBe(2);
    expect(v.eosId).toBe(3);
  });

  it('drops tokens under minCount, which then encode as <unk>', () => {
    const v = Vocabulary.fromTokens(
      new Map([
        ['the', 10],
        ['cat', 2],
        ['zebra', 1],
      ]),
      { minCount: 2 },
    );
    expect(v.has('zebra')).toBe(false);
    expect(v.encode(['the', 'zebra', 'cat'])).toEqual([v.idOf('the'), 1, v.idOf('cat')]);
  });

  it('does not depend on the order counts were gathered in', () => {
    const a = Vocabulary.fromTokens(['x', 'y', 'z', 'y']);
    const b = Vocabulary.fromTokens(['z', 'y', 'y', 'x']);
    expect(a.tokens).toEqual(b.tokens);
  });

  it('encodes with <bos>/<eos> and decodes back, stripping structure on request', () => {
    const v = Vocabulary.fromTokens(['h', 'i'], { bos: true, eos: true });
    const ids = v.encode(['h', 'i', '?'], { bos: true, eos: true });
    expect(ids[0]).toBe(v.bosId);
    expect(ids[ids.length - 1]).toBe(v.eosId);
    expect(v.decode(ids)).toEqual([BOS, 'h', 'i', UNK, EOS]);
    expect(v.decode([...ids, 0, 0], { strip: true })).toEqual(['h', 'i', UNK]);
  });

  it('round-trips through JSON', () => {
    for (const v of [
      Vocabulary.fromTokens(['q', 'r', 'r'], { eos: true }),
      Vocabulary.ofLabels(['neg', 'pos']),
      new Vocabulary(['<x>', 'y'], { bos: true }),
    ]) {
      const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
      expect(back.tokens).toEqual(v.tokens);
      expect(back.specials).toBe(v.specials);
      expect(back.bosId).toBe(v.bosId);
      expect(back.eosId).toBe(v.eosId);
    }
  });

  it('rejects malformed JSON objects', () => {
    expect(() => Vocabulary.fromJSON({ format: 'other' })).toThrow(/seqlab.vocab/);
    const good = Vocabulary.fromTokens(['a']).toJSON();
    expect(() => Vocabulary.fromJSON({ ...good, tokens: ['a', UNK] })).toThrow(/start with/);
    expect(() => Vocabulary.fromJSON({ ...good, tokens: [PAD, UNK, 'a', 'a'] })).toThrow(
      /duplicate/,
    );
  });

  it('label vocabularies have ids 0..K-1 and no <unk>', () => {
    const v = Vocabulary.ofLabels(['female', 'male']);
    expect(v.idOf('female')).toBe(0);
    expect(v.idOf('male')).toBe(1);
    expect(v.idOf('other')).toBe(-1);
    expect(() => v.tokenOf(2)).toThrow(/out of range/);
  });
});
