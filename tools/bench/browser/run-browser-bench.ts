/**
 * The benchmark in headless Chromium (issue 7, section 1): seqlab and the hand-written
 * tfjs-layers peer on the webgl (SwiftShader) and wasm backends, the same models and sizes
 * as the Node table. Builds the bench page into a temp dir, serves it, drives Chromium.
 *
 * Run: npx tsx tools/bench/browser/run-browser-bench.ts [--quick] [--size small|large]...
 *        [--model rnn|lstm|gru|cnn]... [--backend webgl|wasm]... [--engine seqlab|tfjs-layers]...
 *        [--json]
 * `--quick`: 3 timed steps after 1 warm-up (instead of 20 after 5; large: 2 + 1 instead of
 * 5 + 2), and the small size only unless `--size` is given.
 */
import { pathToFileURL } from 'node:url';
import { buildBenchPage, type BuiltPage } from './build-page.js';
import { launchChromium } from '../../../apps/playground/e2e/chromium.js';
import { BENCH_MODELS, BROWSER_BACKENDS, cellTimeoutMs, SIZES, stepsFor } from './configs.js';
import { BenchPage } from './drive-page.js';
import { formatRows } from './format-rows.js';
import { serveStatic, type StaticServer } from '../../../apps/playground/e2e/static-server.js';
import type {
  BenchModel,
  BenchSize,
  BrowserBackend,
  BrowserBenchOptions,
  BrowserEngine,
  BrowserRow,
  CellRequest,
  CellResult,
  PageInfo,
} from './types.js';

export type {
  BenchModel,
  BenchOverrides,
  BenchSize,
  BrowserBackend,
  BrowserBenchOptions,
  BrowserEngine,
  BrowserRow,
  StepPlan,
} from './types.js';

/** The rows plus what ran them. */
export interface BrowserBenchReport {
  readonly rows: BrowserRow[];
  /** Per backend: what executed (WebGL renderer string, wasm flavour). */
  readonly renderers: Partial<Record<BrowserBackend, string>>;
  /** Chromium's user agent ('' when it did not start). */
  readonly userAgent: string;
}

const ENGINES: readonly BrowserEngine[] = ['seqlab', 'tfjs-layers'];

const round = (x: number): number => Number(x.toFixed(3));

const firstLine = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? String(e);

/** One cell of the table. */
interface Cell {
  readonly backend: BrowserBackend;
  readonly size: BenchSize;
  readonly model: BenchModel;
  readonly engine: BrowserEngine;
}

/** Every cell of `opts`, in table order: backend, size, model, engine. */
function cells(opts: BrowserBenchOptions): Cell[] {
  const out: Cell[] = [];
  for (const backend of opts.backends ?? BROWSER_BACKENDS)
    for (const size of opts.sizes)
      for (const model of opts.models)
        for (const engine of opts.engines ?? ENGINES) out.push({ backend, size, model, engine });
  return out;
}

function request(
  opts: BrowserBenchOptions,
  model: BenchModel,
  size: BenchSize,
  engine: BrowserEngine,
): CellRequest {
  const o = opts.overrides ?? {};
  const s = SIZES[size];
  const st = opts.plans?.[size] ?? stepsFor(size, opts.quick ?? false);
  return {
    engine,
    model,
    batch: o.batch ?? s.batch,
    time: o.time ?? s.time,
    inputSize: s.inputSize,
    hidden: s.hidden,
    steps: o.steps ?? st.steps,
    warmup: o.warmup ?? st.warmup,
    seed: 0,
  };
}

/** One cell's row from what the page measured. */
function toRow(cell: Cell, req: CellRequest, r: CellResult, renderer: string): BrowserRow {
  const ok = r.error === undefined;
  return {
    engine: cell.engine,
    backend: cell.backend,
    model: cell.model,
    size: cell.size,
    ...(ok && r.msPerStep !== undefined ? { ms_per_step: round(r.msPerStep) } : {}),
    ...(ok && r.inferMs !== undefined ? { infer_ms: round(r.inferMs) } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(renderer ? { renderer } : {}),
    steps: req.steps,
    warmup: req.warmup,
  };
}

/**
 * Every cell of one backend in a browser of its own, so nothing left running by one backend
 * (SwiftShader's threads, the GPU process's queue) competes with the next one's timing.
 */
async function runBackend(
  url: string,
  backend: BrowserBackend,
  todo: readonly Cell[],
  opts: BrowserBenchOptions,
  log: (line: string) => void,
): Promise<{ rows: BrowserRow[]; info: PageInfo }> {
  const browser = await launchChromium({ webgpu: backend === 'webgpu' });
  // One page per engine: seqlab installs its own kernels in the page's tfjs registry, and a
  // tfjs-layers cell timed in the same page would run on them. Both pages stay open and the
  // cells alternate (seqlab rnn, tfjs-layers rnn, seqlab lstm, ...), so a machine that slows
  // down during the run slows both engines alike and the ratios stay fair.
  const pages = new Map<BrowserEngine, BenchPage>();
  try {
    const rows: BrowserRow[] = [];
    let info: PageInfo = { renderer: '', userAgent: '' };
    for (const c of todo) {
      let page = pages.get(c.engine);
      if (page === undefined) {
        page = new BenchPage(browser, url, backend);
        pages.set(c.engine, page);
        info = await page.open();
        log(`${backend} (${c.engine}): ${info.error ?? `started (${info.renderer})`}`);
      }
      const req = request(opts, c.model, c.size, c.engine);
      const timeout = opts.overrides?.cellTimeoutMs ?? cellTimeoutMs(c.size, opts.quick ?? false);
      const row = toRow(c, req, await page.run(req, timeout), page.info?.renderer ?? '');
      const got = row.error ?? `${row.ms_per_step} ms/step, ${row.infer_ms} ms infer`;
      log(`${c.engine} ${backend} ${c.model} ${c.size}: ${got}`);
      rows.push(row);
    }
    for (const page of pages.values()) await page.close();
    return { rows, info };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/**
 * Time every (backend, size, model, engine) cell in headless Chromium, with a report of
 * the renderers. Never throws: a missing Chromium, a failed build or a failed cell becomes
 * the `error` of the rows it affects.
 */
export async function runBrowserBenchReport(
  opts: BrowserBenchOptions,
): Promise<BrowserBenchReport> {
  const log = opts.log ?? (() => undefined);
  const todo = cells(opts);
  const rows: BrowserRow[] = [];
  const renderers: Partial<Record<BrowserBackend, string>> = {};
  let userAgent = '';
  let built: BuiltPage | undefined;
  let server: StaticServer | undefined;
  try {
    built = await buildBenchPage();
    server = await serveStatic(built.dir);
    for (const backend of opts.backends ?? BROWSER_BACKENDS) {
      const mine = todo.filter((t) => t.backend === backend);
      const r = await runBackend(server.url, backend, mine, opts, log);
      if (r.info.renderer) renderers[backend] = r.info.renderer;
      if (r.info.userAgent) userAgent = r.info.userAgent;
      rows.push(...r.rows);
    }
  } catch (e) {
    // Setup failed (no Chromium, build error): every cell not yet measured says why.
    const why = firstLine(e);
    log(why);
    for (const c of todo.slice(rows.length)) {
      rows.push({ engine: c.engine, backend: c.backend, model: c.model, size: c.size, error: why });
    }
  } finally {
    await server?.close();
    built?.dispose();
  }
  return { rows, renderers, userAgent };
}

/** The contract: the rows of {@link runBrowserBenchReport}. */
export async function runBrowserBench(opts: BrowserBenchOptions): Promise<BrowserRow[]> {
  return (await runBrowserBenchReport(opts)).rows;
}

/** Parses the CLI flags (see the file comment). */
export function parseBrowserBenchArgs(
  argv: readonly string[],
): BrowserBenchOptions & { json: boolean } {
  const lists: Record<string, string[]> = {
    '--size': [],
    '--model': [],
    '--backend': [],
    '--engine': [],
  };
  let quick = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--quick') quick = true;
    else if (a === '--json') json = true;
    else if (a in lists) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      lists[a]?.push(v);
    } else throw new Error(`unknown argument ${a}`);
  }
  const pick = <T extends string>(flag: string, allowed: readonly T[], dflt: readonly T[]): T[] => {
    const given = lists[flag] ?? [];
    for (const v of given)
      if (!(allowed as readonly string[]).includes(v))
        throw new Error(`${flag} ${v}: choose ${allowed.join(', ')}`);
    return given.length ? (given as T[]) : [...dflt];
  };
  return {
    quick,
    json,
    sizes: pick<BenchSize>('--size', ['small', 'large'], quick ? ['small'] : ['small', 'large']),
    models: pick<BenchModel>('--model', BENCH_MODELS, BENCH_MODELS),
    backends: pick<BrowserBackend>('--backend', BROWSER_BACKENDS, BROWSER_BACKENDS),
    engines: pick<BrowserEngine>('--engine', ENGINES, ENGINES),
  };
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseBrowserBenchArgs>;
  try {
    opts = parseBrowserBenchArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`run-browser-bench: ${firstLine(e)}\n`);
    process.exitCode = 2;
    return;
  }
  const t0 = performance.now();
  const report = await runBrowserBenchReport({
    ...opts,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `Headless Chromium (${report.userAgent || 'did not start'})\n` +
      `medians of N timed steps after W warm-up (steps N+W); ${((performance.now() - t0) / 1000).toFixed(0)} s in all\n\n` +
      `${formatRows(report.rows)}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
