import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DatasetDescription } from '@seqlab/data';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'seqlab-data-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('seqlab data', () => {
  it('describes a built-in set: splits, fields, labels and the majority baseline', async () => {
    const run = await seqlab('data', 'names', '--examples', '2');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/task classify \| [\d,]+ examples: [\d,]+ train/);
    expect(run.stdout).toMatch(/name\s+tokens\s+input\s+T/);
    expect(run.stdout).toMatch(/labels of \w+: (female|male) [\d,]+ \(\d+\.\d%\)/);
    expect(run.stdout).toMatch(/always answering "(female|male)" scores \d+\.\d% on train/);
    expect(run.stdout).toMatch(/the first 2 examples of the train split/);
    // Tokens beside their ids.
    expect(run.stdout).toMatch(/"\w"( "\w")*\s+ids \[\d+( \d+)*\]/);
  });

  it('describes a JSONL regression file as JSON, with target statistics', async () => {
    const path = file('r.jsonl', '{"x": [1, 2, 3], "y": 1.5}\n{"x": [4], "y": 2.5}\n');
    const run = await seqlab('data', path, '--json');
    expect(run.code).toBe(0);
    const d = JSON.parse(run.stdout) as DatasetDescription;
    const total = d.splits.train + d.splits.valid + d.splits.test;
    expect(total).toBe(2);
    expect(d.fields.map((f) => f.name)).toEqual(['x', 'y']);
    expect(d.fields[1]?.kind).toBe('values');
  });

  // Issue 15 §4: `seqlab data` describes every format the readers take.
  const formats = [
    {
      ext: 'csv',
      text: 'label,text\npos,a warm film\nneg,two dull hours\npos,kind and warm\n',
      task: 'classify',
      kinds: ['tokens', 'class'],
      examples: 3,
    },
    {
      ext: 'tsv',
      text: 'pos\ta warm film\nneg\ttwo dull hours\npos\tkind and warm\n',
      task: 'classify',
      kinds: ['tokens', 'class'],
      examples: 3,
    },
    {
      ext: 'jsonl',
      text:
        '{"tokens": ["the", "cat"], "tags": ["DET", "NOUN"]}\n' +
        '{"tokens": ["a", "dog", "ran"], "tags": ["DET", "NOUN", "VERB"]}\n',
      task: 'tag',
      kinds: ['tokens', 'tags'],
      examples: 2,
    },
    { ext: 'txt', text: 'the cat sat.\n', task: 'lm', kinds: ['tokens', 'tokens'], examples: 1 },
    // The shipped arrays: X.npy with y.npy beside it.
    { ext: 'npy', text: '', task: 'classify', kinds: ['vectors', 'class'], examples: 40 },
  ];
  it.each(formats)('describes a .$ext file: task, field kinds, examples', async (f) => {
    const path =
      f.ext === 'npy'
        ? join(root, 'examples', 'data', 'arrays', 'X.npy')
        : file(`f.${f.ext}`, f.text);
    const run = await seqlab('data', path, '--json');
    expect(run.code, run.stderr).toBe(0);
    const d = JSON.parse(run.stdout) as DatasetDescription;
    expect(d.task).toBe(f.task);
    expect(d.fields.map((field) => field.kind)).toEqual(f.kinds);
    expect(d.splits.train + d.splits.valid + d.splits.test).toBe(f.examples);
    const shown = await seqlab('data', path, '--examples', '1');
    expect(shown.stdout).toContain(`task ${f.task} | ${f.examples} examples`);
    // CSV and TSV cells are words; a tab, not a comma, splits a TSV row.
    if (f.ext === 'csv' || f.ext === 'tsv') {
      expect(shown.stdout).toMatch(/tokens: "\w+" "\w+" "\w+"/);
    }
  });

  it('prints the problems of a broken file with its line, exit 1', async () => {
    const path = file('bad.jsonl', '{"x": [1, 2], "y": 1.5}\n{"x": [1, oops\n');
    const run = await seqlab('data', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.jsonl');
    expect(run.stderr).toMatch(/line 2|\(2,/);
  });

  it('warns when a split is empty (a small file may not reach every split)', async () => {
    const path = file('two.csv', 'pos,1 2 3\nneg,4 5\n');
    const run = await seqlab('data', path);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /warning: the (train|valid|test)( and (valid|test))* splits? (is|are) empty/,
    );
  });

  it('exit 2 for a source that is neither a file nor a built-in set', async () => {
    const run = await seqlab('data', join(dir, 'missing.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/neither a built-in data set .* nor a file/);
  });
});
