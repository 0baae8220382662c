import { describe, expect, it } from 'vitest';
import { DataCodes, decodeUtf8, readDataset } from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

const file = 'corpus.txt';

describe('plain text reader', () => {
  it('characters -> language-model windows whose target is the next character', () => {
    const text = 'the quick brown fox jumps over the lazy dog\n'.repeat(30);
    const ds = ok(readDataset(text, 'text', { file, window: 10 }));
    expect(ds.task).toBe('lm');
    const vocab = ds.fields[0]?.vocab;
    const all = [...ds.splits.train, ...ds.splits.valid, ...ds.splits.test];
    expect(all).toHaveLength(Math.ceil((text.length - 1) / 10));
    for (const e of all) {
      const input = e.tokens as number[];
      const next = e.next as number[];
      expect(input.slice(1)).toEqual(next.slice(0, -1));
    }
    // windows tile the text in order: train first, test last
    const decoded = all.map((e) => vocab?.decode(e.tokens as number[]).join('')).join('');
    expect(decoded).toBe(text.slice(0, -1));
    expect(ds.splits.valid.length).toBeGreaterThan(0);
    expect(ds.splits.test.length).toBeGreaterThan(0);
  });

  it('words as tokens', () => {
    const ds = ok(readDataset('a b c d e f g h i j k', 'text', { file, unit: 'words', window: 3 }));
    const vocab = ds.fields[0]?.vocab;
    expect(vocab?.decode(ds.splits.train[0]?.tokens as number[])).toEqual(['a', 'b', 'c']);
    expect(vocab?.decode(ds.splits.train[0]?.next as number[])).toEqual(['b', 'c', 'd']);
  });

  it('empty text, too-short text and invalid UTF-8 are diagnostics', () => {
    expect(readDataset('', 'text', { file }).diagnostics?.[0]?.code).toBe(DataCodes.emptyFile);
    expect(readDataset('  \n', 'text', { file }).diagnostics?.[0]?.code).toBe(DataCodes.emptyFile);
    expect(readDataset('x', 'text', { file }).diagnostics?.[0]?.code).toBe(DataCodes.noExamples);
    const bad = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xe2, 0x82]); // truncated 3-byte sequence
    const r = readDataset(bad, 'text', { file });
    expect(r.diagnostics?.[0]).toMatchObject({
      code: DataCodes.invalidUtf8,
      span: { file, start: 4 },
    });
    expect(r.diagnostics?.[0]?.message).toMatch(/line 3/);
  });

  it('strict UTF-8 rejects overlong forms and surrogates but accepts multi-byte text', () => {
    expect(decodeUtf8(new TextEncoder().encode('héllo → 𝄞'), file).text).toBe('héllo → 𝄞');
    expect(decodeUtf8(new Uint8Array([0xc0, 0xaf]), file).diagnostics?.[0]?.code).toBe(
      DataCodes.invalidUtf8,
    );
    expect(decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]), file).diagnostics).toBeDefined();
  });
});
