/**
 * Bundles the conformance page into a fresh temp folder (never the repo): page/
 * conformance-page.ts with esbuild for the browser, an index.html, and a copy of the
 * fixtures (1.9 MB) that the page fetches case by case from ./fixtures/.
 */
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A built page and how to remove it. */
export interface BuiltPage {
  readonly dir: string;
  dispose(): void;
}

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>seqlab PyTorch conformance</title></head>
  <body><script type="module" src="./conformance-page.js"></script></body>
</html>
`;

/** Build the page into a new folder under the OS temp dir. */
export async function buildConformancePage(): Promise<BuiltPage> {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-conformance-'));
  try {
    await build({
      entryPoints: [join(here, 'page', 'conformance-page.ts')],
      outfile: join(dir, 'conformance-page.js'),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      logLevel: 'error',
    });
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    cpSync(FIXTURES, join(dir, 'fixtures'), { recursive: true });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
