// The tagger's sharper baseline: tag each test word with its most frequent tag in the train
// split (words lower-cased, as brown-tags.seq reads them; ties in code-unit order), and an
// unseen word with the most frequent tag overall. seqlab's own baseline row is the plainer
// "always the majority tag".
//
//   node examples/real/tag-lookup-baseline.mjs [brown-tags.jsonl]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const path = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'brown-tags.jsonl');
const records = readFileSync(path, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const pairs = (split) =>
  records
    .filter((r) => r.split === split)
    .flatMap((r) => r.tokens.map((word, i) => [word.toLowerCase(), r.tags[i]]));

/** The most frequent key of a count table, ties in code-unit order. */
const mostFrequent = (counts) =>
  [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];

const byWord = new Map();
const overall = new Map();
for (const [word, tag] of pairs('train')) {
  const counts = byWord.get(word) ?? new Map();
  counts.set(tag, (counts.get(tag) ?? 0) + 1);
  byWord.set(word, counts);
  overall.set(tag, (overall.get(tag) ?? 0) + 1);
}
const fallback = mostFrequent(overall);
const test = pairs('test');
const unseen = test.filter(([word]) => !byWord.has(word)).length;
const right = test.filter(([word, tag]) => {
  const counts = byWord.get(word);
  return (counts ? mostFrequent(counts) : fallback) === tag;
}).length;
console.log(
  `test: ${test.length} tokens, ${(unseen / test.length).toFixed(3)} unseen in train; ` +
    `per-word lookup token accuracy ${(right / test.length).toFixed(4)}`,
);
