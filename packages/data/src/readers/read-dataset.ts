import { DataCodes, dataError, fileSpan } from '../codes.js';
import { decodeUtf8 } from '../text-lines.js';
import type { DatasetResult } from '../types.js';
import { readCsv } from './csv.js';
import { readJsonl } from './jsonl.js';
import { readNpy } from './npy.js';
import type { DataFormat, ReadOptions } from './options.js';
import { readText } from './text.js';

/**
 * Read a data set from a file's contents (never a path: this runs in the browser too).
 * Text formats take a string or raw bytes (decoded as strict UTF-8); `.npy` takes bytes and
 * `opts.y` for the targets. Bad data comes back as diagnostics naming the file and line.
 */
export function readDataset(
  input: string | Uint8Array,
  format: DataFormat,
  opts: ReadOptions,
): DatasetResult {
  if (format === 'npy') {
    if (typeof input === 'string') {
      return {
        diagnostics: [
          dataError(
            DataCodes.npyHeader,
            '.npy data must be given as bytes, not text',
            fileSpan(opts.file),
          ),
        ],
      };
    }
    return readNpy(input, opts);
  }
  const decoded = decodeUtf8(input, opts.file);
  if (decoded.text === undefined) return decoded;
  const text = decoded.text;
  if (text.length === 0) {
    return {
      diagnostics: [
        dataError(DataCodes.emptyFile, 'line 1: the file is empty', fileSpan(opts.file)),
      ],
    };
  }
  switch (format) {
    case 'csv':
      return readCsv(text, opts);
    case 'jsonl':
      return readJsonl(text, opts);
    case 'text':
      return readText(text, opts);
  }
}

const EXTENSIONS: Record<string, DataFormat> = {
  csv: 'csv',
  tsv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  txt: 'text',
  text: 'text',
  npy: 'npy',
};

/** The format a path's extension implies, if any (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, `.txt`, `.npy`). */
export function formatFromPath(path: string): DataFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : EXTENSIONS[ext];
}
