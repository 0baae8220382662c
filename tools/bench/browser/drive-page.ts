/**
 * One bench page per backend in Chromium, driven cell by cell. A cell that throws comes
 * back as an error; a cell that hangs or crashes the page is cut off at its time limit and
 * the page is reopened for the next cell, so one bad cell never takes the run with it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { KernelCheck } from '@seqlab/tfjs';
import type { ProductShape, ProductTiming } from '../matmul/time-products.js';
import type { BrowserBackend, CellRequest, CellResult, PageInfo } from './types.js';

/** How long the page may take to load and start its backend. */
const READY_TIMEOUT_MS = 60_000;

/** Resolves to `p`, or rejects with `what timed out` after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const firstLine = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? String(e);

/** A bench page on one backend. */
export class BenchPage {
  private context: BrowserContext | undefined;
  private page: Page | undefined;
  private pageErrors: string[] = [];
  /** Set once the page has started (renderer, user agent, or why it failed). */
  info: PageInfo | undefined;

  constructor(
    private readonly browser: Browser,
    private readonly url: string,
    readonly backend: BrowserBackend,
    /** More page parameters, e.g. `{ threads: '2' }` for wasm's XNNPACK pool. */
    private readonly query: Readonly<Record<string, string>> = {},
  ) {}

  /** Load the page and start its backend; the info says whether it worked. */
  async open(): Promise<PageInfo> {
    await this.close();
    this.pageErrors = [];
    try {
      this.context = await this.browser.newContext();
      const page = await this.context.newPage();
      this.page = page;
      page.on('pageerror', (e) => this.pageErrors.push(firstLine(e)));
      const params = new URLSearchParams({ backend: this.backend, ...this.query });
      await page.goto(`${this.url}?${params.toString()}`);
      const ready = page.evaluate(async () => {
        // The module script may not have run yet right after `load`.
        for (let i = 0; i < 600 && !window.seqlabBench; i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        if (!window.seqlabBench) throw new Error('the bench page did not start');
        return window.seqlabBench.ready;
      });
      this.info = await withTimeout(ready, READY_TIMEOUT_MS, `starting ${this.backend}`);
    } catch (e) {
      const extra = this.pageErrors.length ? ` (page: ${this.pageErrors.join('; ')})` : '';
      this.info = { renderer: '', userAgent: '', error: `${firstLine(e)}${extra}` };
      await this.close();
    }
    return this.info;
  }

  /** Time one cell; never throws. */
  async run(req: CellRequest, timeoutMs: number): Promise<CellResult> {
    // A page that failed to start once is not retried cell after cell.
    if (this.info?.error !== undefined) return { error: this.info.error };
    if (!this.page) {
      const info = await this.open();
      if (info.error !== undefined) return { error: info.error };
    }
    const page = this.page;
    if (!page) return { error: 'no page' };
    try {
      const cell = page.evaluate((r) => {
        if (!window.seqlabBench) throw new Error('the bench page is not loaded');
        return window.seqlabBench.runCell(r);
      }, req);
      return await withTimeout(cell, timeoutMs, `${req.engine} ${req.model}`);
    } catch (e) {
      // The page may be wedged (a kernel still running) or gone: start over next time.
      await this.close();
      return { error: firstLine(e) };
    }
  }

  /** The page's seqlab-kernel self-check (see `BenchPageApi.checkKernels`); throws on failure. */
  async checkKernels(): Promise<KernelCheck[]> {
    return this.started().evaluate(() => {
      if (!window.seqlabBench) throw new Error('the bench page is not loaded');
      return window.seqlabBench.checkKernels();
    });
  }

  /** `tf.matMul` timings on the page's backend; throws on failure. */
  async timeProducts(shapes: readonly ProductShape[]): Promise<ProductTiming[]> {
    return this.started().evaluate((s) => {
      if (!window.seqlabBench) throw new Error('the bench page is not loaded');
      return window.seqlabBench.timeProducts(s);
    }, shapes);
  }

  /** The open page; throws if it did not start. */
  private started(): Page {
    const page = this.page;
    if (!page || this.info?.error !== undefined) {
      throw new Error(`the ${this.backend} page did not start: ${this.info?.error ?? 'not open'}`);
    }
    return page;
  }

  /** Close the page and its context. */
  async close(): Promise<void> {
    const ctx = this.context;
    this.context = undefined;
    this.page = undefined;
    await ctx?.close().catch(() => undefined);
  }
}
