import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataCodes, formatFromPath, readDatasetFile } from '../src/index.js';
import { allExamples, ok } from './helpers/expect-diagnostic.js';
import { npyBytes } from './helpers/npy-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readDatasetFile', () => {
  it('picks the format from the extension', () => {
    expect(formatFromPath('a/b.CSV')).toBe('csv');
    expect(formatFromPath('x.ndjson')).toBe('jsonl');
    expect(formatFromPath('x.txt')).toBe('text');
    expect(formatFromPath('X.npy')).toBe('npy');
    expect(formatFromPath('x.parquet')).toBeUndefined();
  });

  it('reads CSV and TSV files, naming the path in diagnostics', () => {
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'pos,1 2\nneg,3\n');
    expect(ok(readDatasetFile(csv)).name).toBe('a');
    const tsv = join(dir, 'b.tsv');
    writeFileSync(tsv, 'label\tt0\tt1\nx\t1\t2\ny\t3\n');
    const bad = readDatasetFile(tsv);
    expect(bad.diagnostics?.[0]).toMatchObject({ code: DataCodes.raggedRow, span: { file: tsv } });
    expect(bad.diagnostics?.[0]?.message).toMatch(/line 3/);
  });

  it('reads an X.npy / y.npy pair from a folder', () => {
    const folder = join(dir, 'arrays');
    mkdirSync(folder);
    writeFileSync(join(folder, 'X.npy'), npyBytes('<f4', [3, 2, 1], [1, 2, 3, 4, 5, 6]));
    writeFileSync(join(folder, 'y.npy'), npyBytes('<i4', [3], [1, 0, 1]));
    const ds = ok(readDatasetFile(folder));
    expect(allExamples(ds)).toContainEqual({ x: [[3], [4]], y: 0 });
  });

  it('missing files and unknown formats are diagnostics', () => {
    expect(readDatasetFile(join(dir, 'nope.csv')).diagnostics?.[0]?.code).toBe(
      DataCodes.cannotRead,
    );
    expect(readDatasetFile(join(dir, 'x.parquet')).diagnostics?.[0]?.code).toBe(
      DataCodes.unknownFormat,
    );
  });
});
