import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetDescription } from '@seqlab/data';
import { seqlab } from './run-cli.js';

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
