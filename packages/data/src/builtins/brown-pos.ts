import { splitByTenths } from '../hash-split.js';
import type { Example, SplitName } from '../types.js';
import { Vocabulary, countAll } from '../vocabulary.js';
import { intOption, type BuiltinSpec } from './builtin-options.js';
import { loadBrownCorpus, type BrownSentence } from './brown-corpus.js';

/**
 * Part-of-speech tagging on the Brown corpus. Splits by file (every 10th file in sorted
 * order is test, every 10th of the rest valid) so no text of a test document is trained on.
 */
export const brownPos: BuiltinSpec<'minCount'> = {
  name: 'brown-pos',
  description: 'Brown corpus sentences: lower-cased words -> normalised part-of-speech tags',
  task: 'tag',
  options: {
    minCount: intOption(2, 1, 1000, 'words seen fewer times in train become <unk>'),
  },
  load(o, source) {
    const corpus = loadBrownCorpus(source);
    if (!corpus.files) return corpus;
    const bySplit: Record<SplitName, BrownSentence[]> = { train: [], valid: [], test: [] };
    corpus.files.forEach((f, i) => bySplit[splitByTenths(i)].push(...f.sentences));

    const counts = new Map<string, number>();
    for (const s of bySplit.train) countAll(s.words.map(lower), counts);
    const words = Vocabulary.fromTokens(counts, { minCount: o.minCount });
    // The tag set is closed: take it from the whole corpus so no test tag is <unk>.
    const tagSet = new Set<string>();
    for (const f of corpus.files) for (const s of f.sentences) s.tags.forEach((t) => tagSet.add(t));
    const tags = new Vocabulary([...tagSet].sort());

    const encode = (s: BrownSentence): Example => ({
      words: words.encode(s.words.map(lower)),
      tags: tags.encode(s.tags),
    });
    return {
      dataset: {
        name: 'brown-pos',
        description: brownPos.description,
        task: 'tag',
        fields: [
          { name: 'words', kind: 'tokens', vocab: words, time: 'T' },
          { name: 'tags', kind: 'tags', vocab: tags, time: 'T' },
        ],
        inputs: ['words'],
        targets: ['tags'],
        splits: {
          train: bySplit.train.map(encode),
          valid: bySplit.valid.map(encode),
          test: bySplit.test.map(encode),
        },
      },
    };
  },
};

function lower(w: string): string {
  return w.toLowerCase();
}
