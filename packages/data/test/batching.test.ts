import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Vocabulary,
  collate,
  makeBatches,
  type Example,
  type SequenceDataset,
} from '../src/index.js';

/** A tagging data set whose example i has tokens [i+2, ...] of length lens[i]. */
function tagged(lens: number[]): SequenceDataset {
  const vocab = new Vocabulary(Array.from({ length: 500 }, (_, i) => `w${i}`));
  const train: Example[] = lens.map((n, i) => ({
    tokens: Array.from({ length: n }, () => 2 + (i % 400)),
    tags: Array.from({ length: n }, (_, t) => 2 + t),
    id: i,
  }));
  return {
    name: 't',
    description: '',
    task: 'tag',
    fields: [
      { name: 'tokens', kind: 'tokens', vocab, time: 'T' },
      { name: 'tags', kind: 'tags', vocab, time: 'T' },
      { name: 'id', kind: 'class', vocab: Vocabulary.ofLabels(lens.map((_, i) => String(i))) },
    ],
    inputs: ['tokens'],
    targets: ['tags'],
    splits: { train, valid: [], test: [] },
  };
}

/** Example ids in batch order, read back from the `id` class tensor. */
function ids(batches: ReturnType<typeof makeBatches>): number[] {
  return batches.flatMap((b) => Array.from(b.tensors.id?.data ?? []));
}

describe('collate', () => {
  it('pads tokens and tags with 0 to the longest sequence and records true lengths', () => {
    const ds = tagged([3, 1, 2]);
    const b = collate(ds.fields, ds.splits.train);
    expect(b.size).toBe(3);
    expect(b.tensors.tokens?.shape).toEqual([3, 3]);
    expect(Array.from(b.tensors.tokens?.data ?? [])).toEqual([2, 2, 2, 3, 0, 0, 4, 4, 0]);
    expect(Array.from(b.tensors.tags?.data ?? [])).toEqual([2, 3, 4, 2, 0, 0, 2, 3, 0]);
    expect(Array.from(b.lengths.T ?? [])).toEqual([3, 1, 2]);
    expect(b.tensors.id).toMatchObject({ dtype: 'int32', shape: [3] });
  });

  it('lays out vectors [B, T, D], per-step values [B, T, W] and whole values [B, W]', () => {
    const fields: SequenceDataset['fields'] = [
      { name: 'x', kind: 'vectors', width: 2, time: 'T' },
      { name: 'next', kind: 'values', width: 1, time: 'T' },
      { name: 'sum', kind: 'values', width: 1 },
    ];
    const b = collate(fields, [
      { x: [[1, 2]], next: [[9]], sum: [5] },
      {
        x: [
          [3, 4],
          [5, 6],
        ],
        next: [[7], [8]],
        sum: [6],
      },
    ]);
    expect(b.tensors.x).toMatchObject({ dtype: 'float32', shape: [2, 2, 2] });
    expect(Array.from(b.tensors.x?.data ?? [])).toEqual([1, 2, 0, 0, 3, 4, 5, 6]);
    expect(Array.from(b.tensors.next?.data ?? [])).toEqual([9, 0, 7, 8]);
    expect(b.tensors.sum?.shape).toEqual([2, 1]);
    expect(Array.from(b.tensors.sum?.data ?? [])).toEqual([5, 6]);
    expect(Array.from(b.lengths.T ?? [])).toEqual([1, 2]);
  });

  it('throws when fields sharing a time axis disagree on length', () => {
    const ds = tagged([2]);
    const bad = [{ tokens: [2, 3], tags: [2], id: 0 }];
    expect(() => collate(ds.fields, bad)).toThrow(/time axis "T"/);
  });
});

describe('makeBatches', () => {
  it('keeps every example exactly once, with or without bucketing or shuffling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (lens, batchSize, shuffle, bucket, seed) => {
          const batches = makeBatches(tagged(lens), 'train', { batchSize, shuffle, bucket, seed });
          const seen = ids(batches).sort((a, b) => a - b);
          expect(seen).toEqual(lens.map((_, i) => i));
          for (const b of batches) {
            expect(b.size).toBeLessThanOrEqual(batchSize);
            // lengths agree with the source examples
            const rows = Array.from(b.tensors.id?.data ?? []);
            expect(Array.from(b.lengths.T ?? [])).toEqual(rows.map((i) => lens[i]));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the same seed repeats the order; another seed differs', () => {
    const ds = tagged(Array.from({ length: 200 }, (_, i) => 1 + (i % 13)));
    for (const bucket of [false, true]) {
      const a = ids(makeBatches(ds, 'train', { batchSize: 8, shuffle: true, seed: 1, bucket }));
      const b = ids(makeBatches(ds, 'train', { batchSize: 8, shuffle: true, seed: 1, bucket }));
      const c = ids(makeBatches(ds, 'train', { batchSize: 8, shuffle: true, seed: 2, bucket }));
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    }
    const plain = ids(makeBatches(ds, 'train', { batchSize: 8, shuffle: false, seed: 1 }));
    expect(plain).toEqual(ds.splits.train.map((_, i) => i));
  });

  it('bucketing groups similar lengths, so there is less padding', () => {
    const lens = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % 60));
    const ds = tagged(lens);
    const padding = (bucket: boolean) =>
      makeBatches(ds, 'train', { batchSize: 10, shuffle: true, seed: 5, bucket }).reduce(
        (sum, b) => {
          const tMax = b.tensors.tokens?.shape[1] ?? 0;
          return sum + Array.from(b.lengths.T ?? []).reduce((s, n) => s + (tMax - n), 0);
        },
        0,
      );
    expect(padding(true)).toBeLessThan(padding(false) / 5);
  });

  it('drops a short last batch only when asked', () => {
    const ds = tagged([1, 2, 3, 4, 5]);
    expect(
      makeBatches(ds, 'train', { batchSize: 2, shuffle: false, seed: 0 }).map((b) => b.size),
    ).toEqual([2, 2, 1]);
    expect(
      makeBatches(ds, 'train', { batchSize: 2, shuffle: false, seed: 0, dropLast: true }).map(
        (b) => b.size,
      ),
    ).toEqual([2, 2]);
    expect(() => makeBatches(ds, 'train', { batchSize: 0, shuffle: false, seed: 0 })).toThrow(
      /batchSize/,
    );
  });
});
