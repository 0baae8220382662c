/**
 * Bundles the bench page into a fresh temp folder (never the repo): page/bench-page.ts
 * with esbuild for the browser, the four bench examples inlined, an index.html, and the
 * tfjs wasm binaries in wasm/ (the page points `setWasmPaths` there).
 */
import { build } from 'esbuild';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_MODELS } from './configs.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO_ROOT = join(here, '..', '..', '..');

/** A built page and how to remove it. */
export interface BuiltPage {
  readonly dir: string;
  dispose(): void;
}

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>seqlab browser bench</title></head>
  <body><script type="module" src="./bench-page.js"></script></body>
</html>
`;

/** The bench sources by model name, read now so the page needs no fetches. */
function benchSources(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of BENCH_MODELS) {
    out[m] = readFileSync(join(REPO_ROOT, 'examples', 'bench', `${m}.seq`), 'utf8');
  }
  return out;
}

/** Build the page into a new folder under the OS temp dir. */
export async function buildBenchPage(): Promise<BuiltPage> {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-browser-bench-'));
  try {
    await build({
      entryPoints: [join(here, 'page', 'bench-page.ts')],
      outfile: join(dir, 'bench-page.js'),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      logLevel: 'error',
      // Workspace packages resolve to their src/index.ts through node_modules links.
      define: { __BENCH_SOURCES__: JSON.stringify(benchSources()) },
    });
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    const wasmDir = join(REPO_ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
    mkdirSync(join(dir, 'wasm'));
    for (const f of readdirSync(wasmDir).filter((n) => n.endsWith('.wasm'))) {
      copyFileSync(join(wasmDir, f), join(dir, 'wasm', f));
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
