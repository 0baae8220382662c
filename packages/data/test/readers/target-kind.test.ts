/**
 * The target kind given by the model's loss (`target` with `targetReason`, as the CLI sets
 * it from the train block) decides how targets are read, in every format.
 */
import { describe, expect, it } from 'vitest';
import { DataCodes, readDataset, type ReadOptions } from '../../src/index.js';
import { allExamples, expectLineError, ok } from '../helpers/expect-diagnostic.js';

const mse: Partial<ReadOptions> = { target: 'values', targetReason: 'loss = mse' };
const ce: Partial<ReadOptions> = { target: 'class', targetReason: 'loss = cross_entropy' };
const jsonl = (text: string, opts: Partial<ReadOptions>) =>
  readDataset(text, 'jsonl', { file: 'd.jsonl', ...opts });
const csv = (text: string, opts: Partial<ReadOptions>) =>
  readDataset(text, 'csv', { file: 'd.csv', ...opts });
const lines = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('loss = mse: targets are values', () => {
  it('JSONL whole-number targets (Python writes 12.0 as 12) stay values', () => {
    const text = lines({ x: [1, 2], y: 12.0 }, { x: [3], y: 14 }, { x: [4, 5], y: 2.5 });
    const guessed = ok(jsonl(text, {}));
    expect(guessed.task).toBe('classify'); // the guess without a loss, kept for `seqlab data`
    const ds = ok(jsonl(text, mse));
    expect(ds.task).toBe('regress');
    expect(ds.fields[1]).toMatchObject({ name: 'y', kind: 'values', width: 1 });
    const ys = allExamples(ds).map((e) => e.y);
    expect(ys).toEqual(expect.arrayContaining([[12], [14], [2.5]]));
  });

  it('JSONL float and list targets are values', () => {
    const ds = ok(jsonl(lines({ x: [1], y: [0.5, 1] }, { x: [2], y: [2, 3.25] }), mse));
    expect(ds.fields[1]).toMatchObject({ kind: 'values', width: 2 });
  });

  it('CSV targets are read as values, whole numbers and floats', () => {
    const ds = ok(csv('y,a,b\n12,1,2\n3.5,2,3\n-1e2,0,0\n', mse));
    expect(ds.task).toBe('regress');
    expect(ds.fields[1]).toMatchObject({ name: 'y', kind: 'values', width: 1 });
    const ys = allExamples(ds).map((e) => e.y);
    expect(ys).toEqual(expect.arrayContaining([[12], [3.5], [-100]]));
  });

  it('JSONL per-step targets (a list of values per step) are a values series over T', () => {
    const ds = ok(
      jsonl(
        lines(
          { x: [1, 2, 3], y: [[2], [3], [4]], split: 'train' },
          { x: [5, 6], y: [[6], [7.5]], split: 'test' },
        ),
        mse,
      ),
    );
    expect(ds.task).toBe('regress');
    expect(ds.fields[1]).toMatchObject({ kind: 'values', width: 1, time: 'T' });
    expect(ds.splits.test[0]?.y).toEqual([[6], [7.5]]);
  });

  it('a per-step target of the wrong length names its line', () => {
    const text = lines({ x: [1, 2], y: [[2], [3]] }, { x: [1, 2, 3], y: [[2], [3]] });
    expectLineError(jsonl(text, mse), DataCodes.lengthMismatch, 2, text, 'd.jsonl', /3 steps/);
  });

  it('a text target is an error naming the line, the value and the loss (JSONL)', () => {
    const text = lines({ x: [1], y: 2 }, { x: [2], y: 3.5 }, { x: [3], y: 'cat' });
    expectLineError(
      jsonl(text, mse),
      DataCodes.notANumber,
      3,
      text,
      'd.jsonl',
      /y is "cat" but loss = mse needs numbers/,
    );
  });

  it('a text target is an error naming the line, the column and the loss (CSV)', () => {
    const text = 'price,a\n1.5,2\ncheap,3\n';
    expectLineError(
      csv(text, mse),
      DataCodes.notANumber,
      3,
      text,
      'd.csv',
      /price is "cheap" but loss = mse needs numbers/,
    );
  });

  it('a per-step target that is not a number names the loss', () => {
    const text = lines({ x: [1, 2], y: [[2], ['x']] });
    expectLineError(jsonl(text, mse), DataCodes.notANumber, 1, text, 'd.jsonl', /loss = mse/);
  });
});

describe('loss = cross_entropy: targets are class labels', () => {
  it('JSONL float first target is a class error, not a silent regression', () => {
    const text = lines({ x: [1], y: 'a' }, { x: [2], y: 0.5 });
    expectLineError(
      jsonl(text, ce),
      DataCodes.badRecord,
      2,
      text,
      'd.jsonl',
      /y is 0.5 but loss = cross_entropy needs class labels/,
    );
  });

  it('JSONL list targets are an error', () => {
    const text = lines({ x: [1], y: [1, 2] });
    expectLineError(jsonl(text, ce), DataCodes.badRecord, 1, text, 'd.jsonl', /y is \[1,2\]/);
  });

  it('whole numbers and strings are labels in JSONL and CSV', () => {
    const a = ok(jsonl(lines({ x: [1], y: 2 }, { x: [2], y: 10 }), ce));
    expect(a.task).toBe('classify');
    expect(a.fields[1]?.vocab?.tokens).toEqual(['2', '10']);
    const b = ok(csv('label,a\n1.5,2\nhi,3\n', ce));
    expect(b.fields[1]?.vocab?.tokens).toEqual(['1.5', 'hi']);
  });
});
