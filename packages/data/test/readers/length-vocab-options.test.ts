import { describe, expect, it } from 'vitest';
import { readDataset, type ReadOptions } from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

const csv =
  'label,text,split\npos,a b c d e,train\nneg,a a b x,train\npos,a b y,train\nneg,z z,test\n';
const read = (opts: Partial<ReadOptions> = {}) =>
  ok(readDataset(csv, 'csv', { file: 'r.csv', ...opts }));

describe('max_len, truncate, max_vocab and CSV units', () => {
  it('max_len keeps the start by default and the end with truncate = end', () => {
    // Each read builds its vocabulary from the cut train split, so compare tokens, not ids.
    const first = (ds: ReturnType<typeof read>) =>
      ds.fields[0]?.vocab?.decode(ds.splits.train[0]?.['tokens'] as number[]);
    expect(first(read())).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(first(read({ maxLen: 2 }))).toEqual(['a', 'b']);
    expect(first(read({ maxLen: 2, truncate: 'end' }))).toEqual(['d', 'e']);
    // Shorter sequences are left alone.
    expect(read({ maxLen: 3 }).splits.test[0]?.['tokens']).toHaveLength(2);
  });

  it('max_len cuts tags with their tokens', () => {
    const jsonl = '{"tokens": ["a", "b", "c"], "tags": ["X", "Y", "Z"], "split": "train"}\n';
    const ds = ok(readDataset(jsonl, 'jsonl', { file: 't.jsonl', maxLen: 2, truncate: 'end' }));
    const ex = ds.splits.train[0];
    expect(ex?.['tokens']).toHaveLength(2);
    expect(ex?.['tags']).toEqual(ds.fields[1]?.vocab?.encode(['Y', 'Z']));
  });

  it('max_vocab keeps the most frequent train tokens; the rest become <unk> = 1', () => {
    const ds = read({ maxVocab: 2 });
    const vocab = ds.fields[0]?.vocab;
    expect(vocab?.tokens.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect(vocab?.size).toBe(4); // <pad>, <unk>, "a" (4 times), "b" (3 times)
    expect(vocab?.tokens.slice(2)).toEqual(['a', 'b']);
    expect(ds.splits.train[0]?.['tokens']).toEqual([2, 3, 1, 1, 1]);
    expect(read().fields[0]?.vocab?.size).toBeGreaterThan(4);
  });

  it('CSV text is words by default; unit = chars and lowercase re-split it', () => {
    const text = 'label,text\npos,Ab c\nneg,dd e\n';
    const r = (opts: Partial<ReadOptions>) =>
      ok(readDataset(text, 'csv', { file: 'u.csv', split: { valid: 0, test: 0 }, ...opts }));
    const tokensOf = (ds: ReturnType<typeof r>) =>
      ds.splits.train.map((e) => ds.fields[0]?.vocab?.decode(e['tokens'] as number[]));
    expect(tokensOf(r({}))).toContainEqual(['Ab', 'c']);
    expect(tokensOf(r({ unit: 'chars' }))).toContainEqual(['A', 'b', ' ', 'c']);
    expect(tokensOf(r({ lowercase: true }))).toContainEqual(['ab', 'c']);
  });

  it('text names the sequence column; the other columns are ignored', () => {
    const text = 'id,body,extra,label\n1,good fun,x,pos\n2,bad,y,neg\n';
    const ds = ok(
      readDataset(text, 'csv', {
        file: 't.csv',
        csv: { text: 'body' },
        split: { valid: 0, test: 0 },
      }),
    );
    const vocab = ds.fields[0]?.vocab;
    expect(ds.splits.train.map((e) => vocab?.decode(e['tokens'] as number[]))).toEqual([
      ['good', 'fun'],
      ['bad'],
    ]);
    const bad = readDataset(text, 'csv', { file: 't.csv', csv: { text: 'nope' } });
    expect(bad.diagnostics?.[0]?.message).toContain('no text column nope');
  });
});
