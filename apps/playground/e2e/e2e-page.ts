/**
 * Helpers for e2e files that open the built playground in a browser they launched: a page
 * in a fresh context that waits for the first compile, a screenshot when a test fails, and
 * readers of what the page shows (the backend, the loss history). New e2e files use these
 * rather than copying them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type LaunchOptions } from './chromium.js';
import { serveStatic, type StaticServer } from './static-server.js';

/** The playground's folder, its build and where failing tests leave screenshots. */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(APP_DIR, 'dist');
export const SHOTS_DIR = join(APP_DIR, 'test-results');

/**
 * How long a poll waits for the page: a hang guard, not a speed check (CI may share its two
 * cores with another job, and SwiftShader is slow); a quick machine passes at once.
 */
export const PATIENCE = 120_000;

/** A laptop's window. */
export const DESKTOP = { width: 1440, height: 900 } as const;

/** A phone's window (an iPhone 12-15 in portrait). */
export const PHONE = { width: 390, height: 844 } as const;

/** What {@link useBuiltPlayground} starts: the server's base URL, and the browser if asked. */
export interface BuiltPlayground {
  /** The playground's URL (dist/ served under `/seqlab/`); valid once beforeAll has run. */
  readonly url: string;
  /** The launched Chromium; throws for a file that asked for none. */
  readonly browser: Browser;
}

/**
 * For the e2e file that calls this at its top level: before its tests, serve the built
 * playground (dist/) under `/seqlab/` (a sub-path, as GitHub Pages would) and, unless
 * `launch` is false, start Chromium with `launch`'s switches; after them, close both. Files
 * that launch browsers of their own (with and without WebGPU) pass false.
 */
export function useBuiltPlayground(launch: LaunchOptions | false = {}): BuiltPlayground {
  let server: StaticServer | undefined;
  beforeAll(async () => {
    if (!existsSync(join(DIST_DIR, 'index.html'))) {
      throw new Error('apps/playground/dist is missing: run `npm run build` first');
    }
    server = await serveStatic(DIST_DIR, '/seqlab/');
  });
  afterAll(async () => {
    await server?.close();
  });
  const chromium = launch === false ? undefined : useChromium(launch);
  return {
    get url(): string {
      if (!server) throw new Error('the playground is served from beforeAll on');
      return server.url;
    },
    get browser(): Browser {
      if (!chromium) throw new Error('no browser: this file launches its own');
      return chromium.browser;
    },
  };
}

/**
 * For the file or `describe` block that calls this: Chromium launched with `launch`'s
 * switches before its tests and closed after them.
 */
export function useChromium(launch: LaunchOptions = {}): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(launch);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('Chromium is launched from beforeAll on');
      return browser;
    },
  };
}

/**
 * Open `url` in a fresh context (no shared storage), wait for the first compile, run
 * `body`; on failure save a screenshot named `name`, then rethrow. The context is closed.
 */
export async function withPage(
  browser: Browser,
  url: string,
  name: string,
  body: (page: Page) => Promise<void>,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<void> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.getByTestId('editor').locator('.cm-content').waitFor();
    await page.getByTestId('shape-table').waitFor({ state: 'attached' });
    await body(page);
  } catch (e) {
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page
      .screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true })
      .catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
}

/** The backend the status bar names once the training worker has started one. */
export async function startedBackend(page: Page): Promise<string> {
  const backend = page.getByTestId('backend');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="backend"]')?.textContent !== 'starting…',
    null,
    { timeout: PATIENCE },
  );
  return (await backend.textContent()) ?? '';
}

/** The status bar's note on the backend ('' when it has none). */
export async function backendNote(page: Page): Promise<string> {
  const note = page.getByTestId('backend-note');
  return (await note.isVisible()) ? ((await note.textContent()) ?? '') : '';
}

/** Whether the page's own `navigator.gpu` gives an adapter (asked on the main thread). */
export function pageHasWebgpuAdapter(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  });
}

/** The loss of every training step so far, as the loss chart holds it. */
export async function lossHistory(page: Page): Promise<number[]> {
  const attr = await page.getByTestId('loss-chart').getAttribute('data-loss-history');
  return JSON.parse(attr ?? '[]') as number[];
}

/** Arithmetic mean. */
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
