/**
 * seqlab's kernels checked inside headless Chromium, where the webgl shaders can run:
 * builds the bench page, opens it on `backend` and runs the page's self-check
 * (`checkSeqlabKernels` of @seqlab/tfjs: each kernel against its reference of tfjs ops).
 *
 * Run: npx tsx tools/bench/browser/check-kernels.ts [webgl|wasm]   (default webgl)
 */
import { pathToFileURL } from 'node:url';
import type { KernelCheck } from '@seqlab/tfjs';
import { withBenchSession } from './bench-session.js';
import type { BrowserBackend, PageInfo } from './types.js';

/** The check's rows and the page that ran them. */
export interface BrowserCellCheck {
  readonly rows: KernelCheck[];
  readonly info: PageInfo;
}

/** Runs the seqlab-kernel self-check on `backend` in a fresh Chromium; throws if it cannot. */
export function checkKernelsInBrowser(backend: BrowserBackend): Promise<BrowserCellCheck> {
  return withBenchSession(backend, async ({ page, info }) => ({
    rows: await page.checkKernels(),
    info,
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const backend = (process.argv[2] ?? 'webgl') as BrowserBackend;
  const { rows, info } = await checkKernelsInBrowser(backend);
  console.log(`${backend}: ${info.renderer}`);
  for (const r of rows) {
    console.log(`${r.kernel.padEnd(20)} ${r.shape.padEnd(16)} ${r.error.toExponential(2)}`);
  }
}
