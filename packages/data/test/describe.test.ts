import { describe, expect, it } from 'vitest';
import { describeDataset, readDataset, Vocabulary, type SequenceDataset } from '../src/index.js';
import { ok } from './helpers/expect-diagnostic.js';

/** Four names, one held out: lengths 5, 3, 2 in train. */
function tiny(): SequenceDataset {
  const chars = Vocabulary.fromTokens('mariabobal'.split(''));
  const labels = Vocabulary.ofLabels(['female', 'male']);
  const enc = (s: string): number[] => chars.encode(s.split(''));
  return {
    name: 'tiny',
    description: 'three names',
    task: 'classify',
    fields: [
      { name: 'name', kind: 'tokens', vocab: chars, time: 'T' },
      { name: 'gender', kind: 'class', vocab: labels },
    ],
    inputs: ['name'],
    targets: ['gender'],
    splits: {
      train: [
        { name: enc('maria'), gender: 0 },
        { name: enc('bob'), gender: 1 },
        { name: enc('al'), gender: 1 },
      ],
      valid: [],
      test: [{ name: enc('ia'), gender: 0 }],
    },
  };
}

describe('describeDataset', () => {
  it('counts splits, names roles, and measures lengths over the train split', () => {
    const d = describeDataset(tiny());
    expect(d.splits).toEqual({ train: 3, valid: 0, test: 1 });
    const [name, gender] = d.fields;
    expect(name).toMatchObject({ role: 'input', kind: 'tokens', time: 'T' });
    expect(name?.lengths).toEqual({ min: 2, median: 3, p95: 5, max: 5 });
    expect(gender?.role).toBe('target');
    expect(gender?.labels).toEqual([
      { token: 'male', count: 2 },
      { token: 'female', count: 1 },
    ]);
  });

  it('lists the most frequent tokens, most frequent first', () => {
    const d = describeDataset(tiny(), { topTokens: 2 });
    // m a r i a | b o b | a l: a 3 times, b twice.
    expect(d.fields[0]?.topTokens).toEqual([
      { token: 'a', count: 3 },
      { token: 'b', count: 2 },
    ]);
    expect(d.fields[0]?.tokenCount).toBe(10);
    expect(d.fields[0]?.distinctTokens).toBe(7);
  });

  it('shows the first examples as ids beside their tokens', () => {
    const d = describeDataset(tiny(), { examples: 1 });
    expect(d.examples).toHaveLength(1);
    const first = d.examples[0];
    expect(first?.name?.tokens).toEqual(['m', 'a', 'r', 'i', 'a']);
    expect(first?.name?.ids).toHaveLength(5);
    expect(first?.gender).toEqual({ ids: [0], tokens: ['female'] });
  });

  it('gives target statistics for regression data', () => {
    const text = '{"x": [1, 2, 3], "y": 1.5}\n{"x": [4], "y": 2.5}\n{"x": [5, 6], "y": 2}\n';
    const ds = ok(readDataset(text, 'jsonl', { file: 'd.jsonl' }));
    const all = [...ds.splits.train, ...ds.splits.valid, ...ds.splits.test];
    const d = describeDataset({ ...ds, splits: { train: all, valid: [], test: [] } });
    const y = d.fields.find((f) => f.name === 'y');
    expect(y?.kind).toBe('values');
    expect(y?.values).toMatchObject({ count: 3, mean: 2, min: 1.5, max: 2.5, whole: false });
    expect(y?.values?.std).toBeCloseTo(Math.sqrt(1 / 6), 12);
  });
});
