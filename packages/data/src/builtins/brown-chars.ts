import { splitByTenths } from '../hash-split.js';
import type { Example, SplitName } from '../types.js';
import { Vocabulary } from '../vocabulary.js';
import { intOption, type BuiltinSpec } from './builtin-options.js';
import { loadBrownCorpus } from './brown-corpus.js';

/**
 * Character-level language modelling on the Brown corpus text (words joined by spaces,
 * sentences by newlines), cut into fixed windows; the target is the next character. Split
 * by file like brown-pos.
 */
export const brownChars: BuiltinSpec<'window'> = {
  name: 'brown-chars',
  description: 'Brown corpus as characters: predict the next character (windows of `window`)',
  task: 'lm',
  options: {
    window: intOption(100, 2, 100_000, 'characters per example'),
  },
  load(o, source) {
    const corpus = loadBrownCorpus(source);
    if (!corpus.files) return corpus;
    const texts: Record<SplitName, string[]> = { train: [], valid: [], test: [] };
    corpus.files.forEach((f, i) => {
      texts[splitByTenths(i)].push(f.sentences.map((s) => s.words.join(' ')).join('\n'));
    });
    const joined = {
      train: texts.train.join('\n'),
      valid: texts.valid.join('\n'),
      test: texts.test.join('\n'),
    };
    const chars = Vocabulary.fromTokens(countChars(joined.train));
    const windows = (text: string): Example[] => {
      const ids = encodeChars(chars, text);
      const out: Example[] = [];
      // Each window reads `window` chars and predicts the `window` chars one step ahead.
      for (let s = 0; s + o.window < ids.length; s += o.window) {
        out.push({ chars: toArray(ids, s, o.window), next: toArray(ids, s + 1, o.window) });
      }
      return out;
    };
    return {
      dataset: {
        name: 'brown-chars',
        description: brownChars.description,
        task: 'lm',
        fields: [
          { name: 'chars', kind: 'tokens', vocab: chars, time: 'T' },
          { name: 'next', kind: 'tokens', vocab: chars, time: 'T' },
        ],
        inputs: ['chars'],
        targets: ['next'],
        splits: {
          train: windows(joined.train),
          valid: windows(joined.valid),
          test: windows(joined.test),
        },
      },
    };
  },
};

/**
 * `vocab.encode` for millions of characters: ids per code point are memoised in a small
 * table, and the result is a typed array (a plain array of 6M numbers is slow to grow).
 */
function encodeChars(vocab: Vocabulary, text: string): Int32Array {
  const ids = new Int32Array(text.length);
  const memo = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++; // a surrogate pair is one character
    let id = memo.get(cp);
    if (id === undefined) {
      id = vocab.idOf(String.fromCodePoint(cp));
      memo.set(cp, id);
    }
    ids[n++] = id;
  }
  return ids.subarray(0, n);
}

/** Character counts of `text` (code points), counted by number: far faster than a string-keyed pass. */
function countChars(text: string): Map<string, number> {
  const byCode = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
    byCode.set(cp, (byCode.get(cp) ?? 0) + 1);
  }
  return new Map([...byCode].map(([cp, n]) => [String.fromCodePoint(cp), n]));
}

/** `n` ids from `start` as a plain array (Array.from over a typed array is much slower). */
function toArray(ids: Int32Array, start: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = ids[start + k] ?? 0;
  return out;
}
