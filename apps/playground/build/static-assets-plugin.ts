/**
 * A Vite plugin that ships files the bundle cannot import: the tfjs wasm binaries (fetched
 * by the wasm backend at run time) and the corpus subsets. `vite build` emits them into
 * dist/ at relative paths; the dev server serves the same paths from memory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { corpusBundles, wasmDir } from './corpus-subsets.js';
import { headersFile } from './isolation-headers.js';

/** Where the repository's packages live, for resolving their dependencies. */
export interface AssetRoots {
  readonly dataDir: string;
  readonly backendDir: string;
}

function assetTable(roots: AssetRoots): Map<string, () => string | Uint8Array> {
  const table = new Map<string, () => string | Uint8Array>();
  const wasm = wasmDir(roots.backendDir);
  // Every binary the package ships (simd, threaded-simd, plain): the backend picks at run time.
  const files = readdirSync(wasm).filter((f) => f.endsWith('.wasm'));
  for (const f of files) table.set(`wasm/${f}`, () => readFileSync(join(wasm, f)));
  for (const [name, make] of Object.entries(corpusBundles(roots.dataDir))) {
    table.set(`corpora/${name}`, make);
  }
  // Hosts that read a `_headers` file serve the build cross-origin isolated.
  table.set('_headers', headersFile);
  return table;
}

/** The type the dev server sends for an asset. */
function contentType(path: string): string {
  if (path.endsWith('.wasm')) return 'application/wasm';
  return path.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
}

/** The plugin. */
export function staticAssets(roots: AssetRoots): Plugin {
  const table = assetTable(roots);
  const cache = new Map<string, string | Uint8Array>();
  const get = (path: string): string | Uint8Array | undefined => {
    const make = table.get(path);
    if (!make) return undefined;
    if (!cache.has(path)) cache.set(path, make());
    return cache.get(path);
  };
  return {
    name: 'seqlab-static-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]?.replace(/^\/+/, '') ?? '';
        const body = get(path);
        if (body === undefined) return next();
        res.setHeader('Content-Type', contentType(path));
        res.end(body);
      });
    },
    generateBundle() {
      for (const fileName of table.keys()) {
        const source = get(fileName);
        if (source !== undefined) this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}
