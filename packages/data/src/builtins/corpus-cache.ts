import type { CorpusSource } from '../sources/corpus-source.js';

/**
 * Parsed corpora, kept for the life of the process (module level) so every test and every
 * training run parses each corpus once. Keyed by source as well, since two sources may
 * serve different files under the same package name.
 */
const cache = new WeakMap<CorpusSource, Map<string, unknown>>();

/** `build()` once per (source, key); later calls return the same object. */
export function cachedCorpus<T>(source: CorpusSource, key: string, build: () => T): T {
  let forSource = cache.get(source);
  if (!forSource) cache.set(source, (forSource = new Map()));
  if (forSource.has(key)) return forSource.get(key) as T;
  const value = build();
  forSource.set(key, value);
  return value;
}
