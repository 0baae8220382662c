/**
 * The PyTorch conformance fixtures in headless Chromium on one GPU backend: build the page,
 * serve it on 127.0.0.1 (WebGPU needs a secure origin; loopback http is one, file: and data:
 * are not), launch Debian's Chromium with the switches the backend needs (chromium.ts), and
 * run every case in one page load. Returns the page's results as JSON; asserting them is the caller's job.
 */
import type { Browser, Page } from 'playwright-core';
import {
  MISSING_CHROMIUM,
  findChromium,
  launchChromium,
} from '../../../apps/playground/e2e/chromium.js';
import { serveStatic } from '../../../apps/playground/e2e/static-server.js';
import { buildConformancePage } from './build-page.js';
import type { BrowserRunResult, GpuBackend, PageStart } from './types.js';

/** Options of {@link runBrowserConformance}. */
export interface BrowserConformanceOptions {
  /** The runs to check, as `case/file` keys (`runKey`); default: every run of every case. */
  readonly runs?: readonly string[];
  /** Limit for loading the page and running all cases (default 240 s). */
  readonly timeoutMs?: number;
}

/** What one backend's page did. */
export interface BrowserConformance {
  readonly start: PageStart;
  /** One per fixture run, in manifest order; empty when the backend did not start. */
  readonly runs: readonly BrowserRunResult[];
  /** Uncaught page errors and console errors, first line each. */
  readonly pageErrors: readonly string[];
  /** Console warnings, first line each, once each (tfjs warns of slow synchronous reads). */
  readonly warnings: readonly string[];
  /** Wall time of the runs (after the backend started), ms. */
  readonly ms: number;
}

/** Resolves to `p`, or rejects with `what timed out` after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** Load the page on `backend` and wait for its backend to start. */
async function openPage(page: Page, url: string, backend: GpuBackend): Promise<PageStart> {
  await page.goto(`${url}?backend=${backend}`);
  return page.evaluate(async () => {
    // The module script may not have run yet right after `load`.
    for (let i = 0; i < 600 && !window.seqlabConformance; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!window.seqlabConformance) throw new Error('the conformance page did not start');
    return window.seqlabConformance.ready;
  });
}

/** Runs the fixtures (all, or `opts.runs`) on `backend` in a fresh Chromium. */
export async function runBrowserConformance(
  backend: GpuBackend,
  opts: BrowserConformanceOptions = {},
): Promise<BrowserConformance> {
  if (findChromium() === undefined) throw new Error(MISSING_CHROMIUM);
  const built = await buildConformancePage();
  const server = await serveStatic(built.dir);
  let browser: Browser | undefined;
  try {
    // WebGPU's switches (SwiftShader's adapter) only where webgpu is the backend under test.
    browser = await launchChromium({ webgpu: backend === 'webgpu' });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message.split('\n')[0] ?? e.message));
    const warnings = new Set<string>();
    page.on('console', (m) => {
      const line = m.text().split('\n')[0] ?? '';
      if (m.type() === 'error') pageErrors.push(`console: ${line}`);
      if (m.type() === 'warning') warnings.add(line);
    });
    const work = async (): Promise<BrowserConformance> => {
      const start = await openPage(page, server.url, backend);
      const started = performance.now();
      if (start.error !== undefined)
        return { start, runs: [], pageErrors, warnings: [...warnings], ms: 0 };
      const runs = await page.evaluate((keys) => {
        if (!window.seqlabConformance) throw new Error('the conformance page is not loaded');
        return window.seqlabConformance.runFixtures(keys);
      }, opts.runs ?? []);
      const ms = performance.now() - started;
      return { start, runs, pageErrors, warnings: [...warnings], ms };
    };
    return await withTimeout(work(), opts.timeoutMs ?? 240_000, `conformance on ${backend}`);
  } finally {
    // Closing the browser also ends an evaluate still running after a timeout.
    await browser?.close().catch(() => undefined);
    await server.close();
    built.dispose();
  }
}
