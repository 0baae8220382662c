import { describe, expect, it } from 'vitest';
import { DataCodes, readDataset, type ReadOptions } from '../../src/index.js';
import { allExamples, expectLineError, ok } from '../helpers/expect-diagnostic.js';

const file = 'data/seqs.jsonl';
const read = (text: string, opts: Partial<ReadOptions> = {}) =>
  readDataset(text, 'jsonl', { file, ...opts });
const lines = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('JSONL reader: good files', () => {
  it('{x, y} with string labels: vectors -> class', () => {
    const ds = ok(
      read(
        lines(
          {
            x: [
              [1, 2],
              [3, 4],
            ],
            y: 'up',
          },
          { x: [[5, 6]], y: 'down' },
        ),
      ),
    );
    expect(ds.task).toBe('classify');
    expect(ds.fields[0]).toMatchObject({ name: 'x', kind: 'vectors', width: 2 });
    expect(ds.fields[1]?.vocab?.tokens).toEqual(['down', 'up']);
    expect(allExamples(ds)).toContainEqual({
      x: [
        [1, 2],
        [3, 4],
      ],
      y: 1,
    });
  });

  it('{x, y} with float or array y: regression values; a flat x is width 1', () => {
    const ds = ok(read(lines({ x: [1, 2, 3], y: 0.5 }, { x: [4], y: 1.25 })));
    expect(ds.task).toBe('regress');
    expect(ds.fields[0]?.width).toBe(1);
    expect(allExamples(ds)).toContainEqual({ x: [[1], [2], [3]], y: [0.5] });
    const ds2 = ok(read(lines({ x: [1], y: [1, 2] }, { x: [2], y: [3, 4] })));
    expect(ds2.fields[1]).toMatchObject({ kind: 'values', width: 2 });
  });

  it('{tokens, tags}: a tagging data set with an explicit split', () => {
    const ds = ok(
      read(
        lines(
          { tokens: ['the', 'dog'], tags: ['at', 'nn'], split: 'train' },
          { tokens: ['a', 'cat'], tags: ['at', 'nn'], split: 'test' },
        ),
      ),
    );
    expect(ds.task).toBe('tag');
    const [tokens, tags] = ds.fields;
    expect(tokens?.time).toBe(tags?.time);
    expect(ds.splits.train).toHaveLength(1);
    const test = ds.splits.test[0];
    // "a" and "cat" are not in train: they are <unk> (id 1)
    expect(test?.tokens).toEqual([1, 1]);
    expect(tags?.vocab?.decode(test?.tags as number[])).toEqual(['at', 'nn']);
  });

  it('{text, label}: characters, optionally lower-cased', () => {
    const ds = ok(
      read(lines({ text: 'Hi', label: 'a' }, { text: 'hi', label: 'b' }), {
        lowercase: true,
        split: { valid: 0, test: 0 },
      }),
    );
    const vocab = ds.fields[0]?.vocab;
    expect(ds.splits.train.map((e) => vocab?.decode(e.text as number[]).join(''))).toEqual([
      'hi',
      'hi',
    ]);
  });
});

describe('JSONL reader: bad files name the line', () => {
  it('invalid JSON', () => {
    const text = lines({ x: [1], y: 'a' }) + '{"x": [2], "y": \n';
    expectLineError(read(text), DataCodes.invalidJson, 2, text, file, /invalid JSON/);
  });

  it('wrong width and null (NaN) steps', () => {
    const text = lines({ x: [[1, 2]], y: 'a' }, { x: [[1, 2], [3]], y: 'b' });
    expectLineError(
      read(text),
      DataCodes.wrongWidth,
      2,
      text,
      file,
      /step 2 has 1 values; expected 2/,
    );
    const text2 = lines({ x: [[1]], y: 'a' }, { x: [[1]], y: 'a' }, { x: [[null]], y: 'b' });
    expectLineError(read(text2), DataCodes.notANumber, 3, text2, file, /NaN\/null/);
  });

  it('tokens and tags of different lengths', () => {
    const text = lines({ tokens: ['a', 'b'], tags: ['x'] });
    expectLineError(read(text), DataCodes.lengthMismatch, 1, text, file, /2 tokens but 1 tags/);
  });

  it('unknown label when labels are fixed', () => {
    const text = lines({ text: 'ok', label: 'pos' }, { text: 'no', label: 'meh' });
    expectLineError(
      read(text, { labels: ['pos', 'neg'] }),
      DataCodes.unknownLabel,
      2,
      text,
      file,
      /"meh"/,
    );
  });

  it('records of another shape than the first', () => {
    const text = lines({ x: [1], y: 'a' }, { text: 'b', label: 'c' });
    expectLineError(read(text), DataCodes.badRecord, 2, text, file, /shape differs from line 1/);
  });

  it('empty file and invalid UTF-8', () => {
    expect(read('\n\n').diagnostics?.[0]?.code).toBe(DataCodes.emptyFile);
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(lines({ text: 'ok', label: 'a' })),
      0xc3,
      0x28,
    ]);
    const r = readDataset(bytes, 'jsonl', { file });
    expect(r.diagnostics?.[0]).toMatchObject({ code: DataCodes.invalidUtf8, span: { file } });
    expect(r.diagnostics?.[0]?.message).toMatch(/line 2/);
  });
});
