/**
 * Reading new data the way a trained run read its own: a fixed token vocabulary (unknown
 * tokens become <unk>), a fixed label set (an unseen label names its line), and the text
 * reading `predict` shares with the readers.
 */
import { describe, expect, it } from 'vitest';
import { readDataset, readTokens, textReading, Vocabulary } from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

const tokens = new Vocabulary(['film', 'good', 'bad']);
const labels = Vocabulary.ofLabels(['pos', 'neg']);

describe('a fixed vocabulary', () => {
  it('encodes tokens through it, unknown ones as <unk>, and keeps its label ids', () => {
    const csv = 'label,text\nneg,Good Film\nneg,awful film\n';
    const ds = ok(
      readDataset(csv, 'csv', {
        file: 'new.csv',
        lowercase: true,
        vocab: tokens,
        labelVocab: labels,
        split: { valid: 0, test: 0 },
      }),
    );
    expect(ds.fields[0]?.vocab).toBe(tokens);
    expect(ds.fields[1]?.vocab).toBe(labels);
    expect(ds.splits.train.map((e) => e['tokens'])).toEqual([
      [3, 2],
      [1, 2],
    ]);
    // "neg" is id 1 in the run's order, not id 0 as a vocabulary of this file alone would be.
    expect(ds.splits.train.map((e) => e['y'])).toEqual([1, 1]);
  });

  it('refuses a label it lacks, naming the line and the label', () => {
    const csv = 'label,text\npos,good film\nmeh,film\n';
    const r = readDataset(csv, 'csv', { file: 'new.csv', vocab: tokens, labelVocab: labels });
    expect(r.dataset).toBeUndefined();
    expect(r.diagnostics?.[0]?.message).toContain('line 3: unknown label "meh"');
  });

  it('refuses a tag it lacks (tags have <pad> and <unk>, which are not tags)', () => {
    const tags = new Vocabulary(['DT', 'NN']);
    const jsonl =
      '{"tokens": ["the", "cat"], "tags": ["DT", "NN"]}\n{"tokens": ["<unk>"], "tags": ["<unk>"]}\n';
    const r = readDataset(jsonl, 'jsonl', { file: 't.jsonl', labelVocab: tags });
    expect(r.diagnostics?.[0]?.message).toContain('line 2: unknown tag "<unk>"');
  });
});

describe('textReading and readTokens', () => {
  it('match what each reader makes of the same text', () => {
    const text = 'Good  FILM indeed';
    const opts = { lowercase: true, maxLen: 2, truncate: 'end' as const };
    const csv = ok(
      readDataset(`label,text,split\npos,${text},train\n`, 'csv', { file: 'a.csv', ...opts }),
    );
    const ex = csv.splits.train[0];
    const decoded = csv.fields[0]?.vocab?.decode(ex?.['tokens'] as number[]);
    expect(readTokens(text, textReading('csv', opts))).toEqual(['film', 'indeed']);
    expect(decoded).toEqual(['film', 'indeed']);
    // JSONL text and plain text are characters by default; tagging files keep words as given.
    expect(readTokens('Ab', textReading('jsonl', { lowercase: true }))).toEqual(['a', 'b']);
    expect(textReading('text', {}).unit).toBe('chars');
    expect(readTokens('The Cat', textReading('jsonl', { lowercase: true }, true))).toEqual([
      'The',
      'Cat',
    ]);
  });
});
