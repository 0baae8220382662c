import { beforeAll, describe, expect, it } from 'vitest';
import { BOS, EOS, loadBuiltin, parseCmudict, type SequenceDataset } from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

describe('parseCmudict', () => {
  it('drops alternates and non-letter words, strips stress digits', () => {
    const text =
      ";;; comment\nHELLO  HH AH0 L OW1\nREAD  R EH1 D\nREAD(1)  R IY1 D\nA.  EY1\nAARON'S  EH1 R AH0 N Z\n";
    expect(parseCmudict(text)).toEqual([
      { word: 'hello', phonemes: ['HH', 'AH', 'L', 'OW'] },
      { word: 'read', phonemes: ['R', 'EH', 'D'] },
    ]);
  });
});

describe('cmudict', () => {
  let ds: SequenceDataset;
  beforeAll(() => {
    ds = ok(loadBuiltin('cmudict'));
  });

  it('has letters (S) and teacher-forced phonemes (T) with <bos>/<eos>', () => {
    expect(ds.task).toBe('seq2seq');
    expect(ds.inputs).toEqual(['letters', 'phonemes_in']);
    expect(ds.targets).toEqual(['phonemes']);
    expect(ds.fields.map((f) => f.time)).toEqual(['S', 'T', 'T']);
    const ph = ds.fields[1]?.vocab;
    expect(ph).toBe(ds.fields[2]?.vocab);
    for (const e of ds.splits.train.slice(0, 500)) {
      const input = e.phonemes_in as number[];
      const target = e.phonemes as number[];
      expect(input[0]).toBe(ph?.bosId);
      expect(target[target.length - 1]).toBe(ph?.eosId);
      expect(input.slice(1)).toEqual(target.slice(0, -1));
    }
  });

  it('phonemes carry no stress digits; words are letters only, once each', () => {
    const ph = ds.fields[1]?.vocab;
    const ordinary = ph?.tokens.filter((t) => !t.startsWith('<')) ?? [];
    expect(ordinary).toHaveLength(39);
    for (const t of ordinary) expect(t).toMatch(/^[A-Z]+$/);
    expect(ph?.tokens).toContain(BOS);
    expect(ph?.tokens).toContain(EOS);
    const letters = ds.fields[0]?.vocab;
    // every ordinary letter is a-z, and no word holds <unk> (id 1) or <pad> (id 0)
    expect(letters?.tokens.slice(2).sort().join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    const all = [...ds.splits.train, ...ds.splits.valid, ...ds.splits.test];
    expect(all.filter((e) => (e.letters as number[]).some((id) => id < 2))).toEqual([]);
    const words = all.map((e) => (e.letters as number[]).join(','));
    expect(new Set(words).size).toBe(words.length); // no alternates, no word in two splits
    expect(words.length).toBeGreaterThan(100_000);
  });

  it('splits 90/5/5 and keeps a known pronunciation', () => {
    const n = ds.splits.train.length + ds.splits.valid.length + ds.splits.test.length;
    expect(ds.splits.train.length / n).toBeCloseTo(0.9, 1);
    expect(ds.splits.valid.length / n).toBeCloseTo(0.05, 1);
    expect(ds.splits.test.length / n).toBeCloseTo(0.05, 1);
    const letters = ds.fields[0]?.vocab;
    const ph = ds.fields[2]?.vocab;
    const hello = [...ds.splits.train, ...ds.splits.valid, ...ds.splits.test].find(
      (e) => letters?.decode(e.letters as number[]).join('') === 'hello',
    );
    expect(ph?.decode(hello?.phonemes as number[], { strip: true })).toEqual([
      'HH',
      'AH',
      'L',
      'OW',
    ]);
  });
});
