/**
 * Data sets in the browser: the built-ins, with the real corpora fetched (as subsets made
 * at build time) from `corpora/*.json` beside the page and handed to the data package as an
 * in-memory corpus source; and a user's own CSV / JSONL / text / .npy file.
 */
import {
  DataCodes,
  dataError,
  formatFromPath,
  loadBuiltin,
  memoryCorpusSource,
  readDataset,
  type DatasetResult,
} from '@seqlab/data';

/** A built-in the data-set menu offers. */
export interface DatasetChoice {
  readonly name: string;
  readonly label: string;
}

/** The menu, in the order the issue lists them. */
export const DATASET_CHOICES: readonly DatasetChoice[] = [
  { name: 'names', label: 'names · first name → gender' },
  { name: 'brown-pos', label: 'brown-pos (subset) · sentence → POS tags' },
  { name: 'cmudict', label: 'cmudict (subset) · word → phonemes' },
  { name: 'brown-chars', label: 'brown-chars (subset) · next character' },
  { name: 'adding', label: 'adding · synthetic regression' },
  { name: 'copy', label: 'copy · synthetic memory task' },
  { name: 'sine', label: 'sine · synthetic next value' },
];

/** Which corpus bundles each built-in reads (synthetic sets read none). */
const BUNDLES: Readonly<Record<string, readonly string[]>> = {
  names: ['names.json'],
  'brown-pos': ['brown.json'],
  'brown-chars': ['brown.json'],
  cmudict: ['cmudict.json'],
};

/** Fetches a corpus bundle's JSON text; injectable for tests. */
export type BundleFetcher = (file: string) => Promise<string>;

/** Fetch `corpora/<file>` relative to the page (works under any base path). */
export const fetchBundle: BundleFetcher = async (file) => {
  const res = await fetch(new URL(`corpora/${file}`, document.baseURI));
  if (!res.ok) throw new Error(`corpora/${file}: HTTP ${res.status}`);
  return res.text();
};

/**
 * Loads built-ins, fetching each corpus bundle once. One corpus source is kept for the
 * page's life, so the data package's parse cache (keyed by source) also works across loads.
 */
export class BrowserDatasets {
  private readonly files: Record<string, Record<string, string>> = {};
  private readonly source = memoryCorpusSource(this.files, 'playground');
  private readonly fetched = new Map<string, Promise<void>>();

  constructor(private readonly fetcher: BundleFetcher = fetchBundle) {}

  private ensure(bundle: string): Promise<void> {
    let p = this.fetched.get(bundle);
    if (!p) {
      p = this.fetcher(bundle).then((text) => {
        const parsed = JSON.parse(text) as Record<string, Record<string, string>>;
        for (const [pkg, files] of Object.entries(parsed)) {
          this.files[pkg] = { ...(this.files[pkg] ?? {}), ...files };
        }
      });
      // A failed fetch may be retried later (the network may come back).
      p.catch(() => this.fetched.delete(bundle));
      this.fetched.set(bundle, p);
    }
    return p;
  }

  /** Load the built-in `name` (diagnostics if it is unknown or its corpus cannot load). */
  async load(name: string): Promise<DatasetResult> {
    try {
      await Promise.all((BUNDLES[name] ?? []).map((b) => this.ensure(b)));
    } catch (e) {
      return loadFailure(name, (e as Error).message);
    }
    return loadBuiltin(name, { source: this.source });
  }
}

function loadFailure(name: string, why: string): DatasetResult {
  return {
    diagnostics: [
      dataError(
        DataCodes.corpusUnavailable,
        `the corpus for ${name} could not be downloaded: ${why}`,
        { file: `builtin:${name}`, start: 0, end: 0 },
      ),
    ],
  };
}

/** Read a user's file (format from its extension). */
export function readUserDataset(fileName: string, bytes: Uint8Array): DatasetResult {
  const format = formatFromPath(fileName);
  if (!format) {
    return {
      diagnostics: [
        dataError(
          DataCodes.unknownFormat,
          `unknown data format of ${fileName}`,
          { file: fileName, start: 0, end: 0 },
          'use .csv, .tsv, .jsonl, .txt or .npy',
        ),
      ],
    };
  }
  return readDataset(bytes, format, {
    file: fileName,
    ...(/\.tsv$/i.test(fileName) ? { csv: { delimiter: '\t' } } : {}),
  });
}
