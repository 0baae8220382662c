/**
 * One bench page in a fresh headless Chromium, for the one-off tools (kernel self-check,
 * kernel counts, product timings): builds the page into a temp folder, serves it, opens it
 * on a backend; `close` takes all of it down again.
 */
import { launchChromium } from '../../../apps/playground/e2e/chromium.js';
import { serveStatic } from '../../../apps/playground/e2e/static-server.js';
import { buildBenchPage } from './build-page.js';
import { BenchPage } from './drive-page.js';
import type { BrowserBackend, PageInfo } from './types.js';

/** An open bench page and what it runs on. */
export interface BenchSession {
  readonly page: BenchPage;
  readonly info: PageInfo;
  /** Close the page and the browser, stop the server, remove the built page. */
  close(): Promise<void>;
}

/** Opens the bench page on `backend`; throws (after cleaning up) if the backend does not start. */
export async function openBenchSession(backend: BrowserBackend): Promise<BenchSession> {
  const built = await buildBenchPage();
  const server = await serveStatic(built.dir);
  const browser = await launchChromium({ webgpu: backend === 'webgpu' }).catch(
    async (e: unknown) => {
      await server.close();
      built.dispose();
      throw e;
    },
  );
  const page = new BenchPage(browser, server.url, backend);
  const close = async () => {
    await page.close();
    await browser.close().catch(() => undefined);
    await server.close();
    built.dispose();
  };
  const info = await page.open();
  if (info.error !== undefined) {
    await close();
    throw new Error(`${backend} did not start in Chromium: ${info.error}`);
  }
  return { page, info, close };
}

/** Runs `work` on a fresh bench page on `backend`, then closes everything. */
export async function withBenchSession<T>(
  backend: BrowserBackend,
  work: (s: BenchSession) => Promise<T>,
): Promise<T> {
  const session = await openBenchSession(backend);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
