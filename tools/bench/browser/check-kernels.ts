/**
 * seqlab's kernels checked inside headless Chromium, where the webgl shaders can run:
 * builds the bench page, opens it on `backend` and runs the page's self-check
 * (`checkSeqlabKernels` of @seqlab/tfjs: each kernel against its reference of tfjs ops).
 *
 * Run: npx tsx tools/bench/browser/check-kernels.ts [webgl|wasm]   (default webgl)
 */
import { pathToFileURL } from 'node:url';
import type { KernelCheck } from '@seqlab/tfjs';
import { launchChromium } from '../../../apps/playground/e2e/chromium.js';
import { serveStatic } from '../../../apps/playground/e2e/static-server.js';
import { buildBenchPage } from './build-page.js';
import { BenchPage } from './drive-page.js';
import type { BrowserBackend, PageInfo } from './types.js';

/** The check's rows and the page that ran them. */
export interface BrowserCellCheck {
  readonly rows: KernelCheck[];
  readonly info: PageInfo;
}

/** Runs the seqlab-kernel self-check on `backend` in a fresh Chromium; throws if it cannot. */
export async function checkKernelsInBrowser(backend: BrowserBackend): Promise<BrowserCellCheck> {
  const built = await buildBenchPage();
  const server = await serveStatic(built.dir);
  const browser = await launchChromium();
  const page = new BenchPage(browser, server.url, backend);
  try {
    const info = await page.open();
    return { rows: await page.checkKernels(), info };
  } finally {
    await page.close();
    await browser.close().catch(() => undefined);
    await server.close();
    built.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const backend = (process.argv[2] ?? 'webgl') as BrowserBackend;
  const { rows, info } = await checkKernelsInBrowser(backend);
  console.log(`${backend}: ${info.renderer}`);
  for (const r of rows) {
    console.log(`${r.kernel.padEnd(20)} ${r.shape.padEnd(16)} ${r.error.toExponential(2)}`);
  }
}
