/**
 * Two cores in the browser (issue 17): seqlab's training step on tfjs's wasm backend in
 * Chromium, once on a plain page (the SIMD build, one thread) and once on a cross-origin
 * isolated page (COOP/COEP: SharedArrayBuffer exists, so tfjs loads its threaded SIMD
 * build and XNNPACK runs a pool of N threads). Same models, sizes and step plans as the
 * browser table; the two pages alternate cell by cell so machine noise hits both alike.
 *
 *   npx tsx tools/bench/browser/wasm-threads.ts [--size small|large]... [--threads N]
 *        [--model rnn|lstm|gru|cnn]... [--rounds R] [--json]
 */
import { parseArgs } from 'node:util';
import { MISSING_CHROMIUM, launchChromium } from '../../../apps/playground/e2e/chromium.js';
import { serveStatic } from '../../../apps/playground/e2e/static-server.js';
import { buildBenchPage } from './build-page.js';
import { BENCH_MODELS, SIZES, cellTimeoutMs, stepsFor } from './configs.js';
import { BenchPage } from './drive-page.js';
import type { BenchModel, BenchSize, CellRequest } from './types.js';

/** One model at one size: ms per step on one thread and on the pool, medians over rounds. */
export interface ThreadRow {
  readonly model: BenchModel;
  readonly size: BenchSize;
  readonly oneThreadMs?: number;
  readonly pooledMs?: number;
  /** What each page really ran (the wasm flavour with its thread count). */
  readonly oneThreadFlavour: string;
  readonly pooledFlavour: string;
  readonly error?: string;
}

/** Options of {@link measureWasmThreads}. */
export interface ThreadOptions {
  readonly models: readonly BenchModel[];
  readonly sizes: readonly BenchSize[];
  readonly threads: number;
  /** Cells per page per model: the median of the rounds is reported. */
  readonly rounds: number;
  readonly log?: (line: string) => void;
}

const median = (xs: readonly number[]): number | undefined => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function request(model: BenchModel, size: BenchSize): CellRequest {
  const plan = stepsFor(size, false);
  return { engine: 'seqlab', model, ...SIZES[size], ...plan, seed: 1 };
}

/** Times each cell `rounds` times on both pages, alternating; failures become the row's error. */
async function measureCell(
  pages: readonly [BenchPage, BenchPage],
  model: BenchModel,
  size: BenchSize,
  opts: ThreadOptions,
): Promise<ThreadRow> {
  const times: [number[], number[]] = [[], []];
  const errors: string[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    for (const [i, page] of pages.entries()) {
      const r = await page.run(request(model, size), cellTimeoutMs(size, false));
      if (r.msPerStep !== undefined) times[i]?.push(r.msPerStep);
      if (r.error !== undefined) errors.push(r.error);
      opts.log?.(`${model} ${size} ${page.info?.renderer}: ${r.error ?? `${r.msPerStep} ms`}`);
    }
  }
  const [one, pooled] = times.map(median);
  return {
    model,
    size,
    ...(one !== undefined ? { oneThreadMs: one } : {}),
    ...(pooled !== undefined ? { pooledMs: pooled } : {}),
    oneThreadFlavour: pages[0].info?.renderer ?? '',
    pooledFlavour: pages[1].info?.renderer ?? '',
    ...(errors.length ? { error: errors[0] } : {}),
  };
}

/** The two wasm pages of one comparison, started, and how to take everything down. */
export interface ThreadPages {
  /** The plain page (one thread) and the cross-origin isolated one (the pool). */
  readonly pages: readonly [BenchPage, BenchPage];
  close(): Promise<void>;
}

/** Builds the bench page and opens it plain and isolated; throws if either does not start. */
export async function openThreadPages(threads: number): Promise<ThreadPages> {
  const built = await buildBenchPage();
  const plain = await serveStatic(built.dir);
  const isolated = await serveStatic(built.dir, '/', { crossOriginIsolated: true });
  const browser = await launchChromium().catch(() => undefined);
  const pages = browser
    ? ([
        new BenchPage(browser, plain.url, 'wasm', { threads: '1' }),
        new BenchPage(browser, isolated.url, 'wasm', { threads: String(threads) }),
      ] as const)
    : undefined;
  const close = async () => {
    for (const page of pages ?? []) await page.close();
    await browser?.close().catch(() => undefined);
    await plain.close();
    await isolated.close();
    built.dispose();
  };
  try {
    if (!pages) throw new Error(MISSING_CHROMIUM);
    for (const page of pages) {
      const info = await page.open();
      if (info.error !== undefined) throw new Error(`wasm page did not start: ${info.error}`);
    }
    return { pages, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Times every model at every size on both pages. */
export async function measureWasmThreads(opts: ThreadOptions): Promise<ThreadRow[]> {
  const { pages, close } = await openThreadPages(opts.threads);
  try {
    const rows: ThreadRow[] = [];
    for (const size of opts.sizes) {
      for (const model of opts.models) rows.push(await measureCell(pages, model, size, opts));
    }
    return rows;
  } finally {
    await close();
  }
}

const fmt = (ms: number | undefined): string =>
  ms === undefined ? '' : ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);

/** The markdown table of the rows: one thread, the pool, and the speed-up. */
export function formatThreadTable(rows: readonly ThreadRow[], threads: number): string {
  const head = [
    `| model | size | 1 thread ms/step | ${threads} threads ms/step | speed-up |`,
    '| --- | --- | ---: | ---: | ---: |',
  ];
  const body = rows.map((r) => {
    const up =
      r.oneThreadMs !== undefined && r.pooledMs !== undefined
        ? `${(r.oneThreadMs / r.pooledMs).toFixed(2)}×`
        : (r.error ?? '');
    return `| ${r.model} | ${r.size} | ${fmt(r.oneThreadMs)} | ${fmt(r.pooledMs)} | ${up} |`;
  });
  return [...head, ...body].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      threads: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    },
  });
  const threads = Number(values.threads);
  const opts: ThreadOptions = {
    models: (values.model as BenchModel[] | undefined) ?? BENCH_MODELS,
    sizes: (values.size as BenchSize[] | undefined) ?? ['large'],
    threads,
    rounds: Number(values.rounds),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  const rows = await measureWasmThreads(opts);
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    const flavours = rows[0] ? `${rows[0].oneThreadFlavour} / ${rows[0].pooledFlavour}` : '';
    process.stdout.write(`${formatThreadTable(rows, threads)}\n\nPages: ${flavours}\n`);
  }
}

if (process.argv[1]?.endsWith('wasm-threads.ts')) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
