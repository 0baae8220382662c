/**
 * `npm run bench`: seqlab beside the hand-written tfjs-layers model and PyTorch, on the
 * bench models at both sizes, one cell per child process, then the compile time of every
 * example. Prints the tables and writes docs/benchmarks.md (see `--help`).
 *
 * Run: npm run bench [-- --quick] [-- --only rnn,lstm --engines seqlab,pytorch --no-write]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBenchArgs, QUICK_PLANS, USAGE, type BenchArgs } from './args.js';
import { browserRenderers, rowFromBrowser } from './browser-rows.js';
import { planCells } from './cells.js';
import { compileTimes, seqFiles } from './compile-times.js';
import { runWithBudget } from './budget.js';
import { browserRunnerPath, DEBIAN_PYTHON, detectTorch, type RunContext } from './engines.js';
import { machineInfo, type TorchInfo } from './machine.js';
import { renderConsole, renderReport, type ReportInput } from './report.js';
import type { CompileRow, Row, RunBrowserBench } from './rows.js';
import { backendLabel, formatMs } from './table.js';
import { runTorchEngine, type TorchEngineRow } from './torch-engine.js';
import { runTrainSteps, runWholeRuns } from './whole-run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

function describe(row: Row): string {
  if (row.status === 'ok')
    return `${formatMs(row.msPerStep)} ms/step, ${formatMs(row.inferMs)} ms infer`;
  return row.status === 'error' ? `fails: ${row.message}` : `skipped: ${row.reason}`;
}

/** The optional browser runner, if its file exists and exports the right function. */
async function browserRunner(): Promise<RunBrowserBench | string> {
  const path = browserRunnerPath(root);
  if (!existsSync(path))
    return 'browser engine not run: tools/bench/browser/run-browser-bench.ts is not present';
  const mod: unknown = await import(pathToFileURL(path).href);
  const fn = (mod as { runBrowserBench?: unknown }).runBrowserBench;
  if (typeof fn !== 'function')
    return 'browser engine not run: run-browser-bench.ts exports no runBrowserBench';
  return fn as RunBrowserBench;
}

/** PyTorch's versions when an engine that needs it is asked for and found; else a note says why not. */
async function torchIfWanted(args: BenchArgs, notes: string[]): Promise<TorchInfo | undefined> {
  const needsTorch: readonly string[] = ['pytorch', 'torch-engine', 'whole-run'];
  if (!args.engines.some((e) => needsTorch.includes(e))) return undefined;
  const t = await detectTorch(root);
  if (t.ok) return t.info;
  notes.push(`PyTorch skipped: ${t.reason}`);
  log(`PyTorch skipped: ${t.reason}`);
  return undefined;
}

/** Runs the browser engine (webgl, webgpu and wasm), adding its rows, or notes why it did not run. */
async function runBrowser(args: BenchArgs, rows: Row[], notes: string[]): Promise<void> {
  const runner = await browserRunner();
  if (typeof runner === 'string') {
    notes.push(runner);
    return;
  }
  try {
    const got = await runner({
      models: args.models,
      sizes: args.sizes,
      backends: ['webgl', 'webgpu', 'wasm'],
      quick: args.quick,
      log: (l) => log(`browser: ${l}`),
    });
    for (const r of got) {
      const row = rowFromBrowser(r);
      if (typeof row === 'string') notes.push(row);
      else rows.push(row);
    }
    notes.push(...browserRenderers(got));
  } catch (e) {
    notes.push(`browser engine failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function run(args: BenchArgs, argv: readonly string[]): Promise<void> {
  const t0 = performance.now();
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const notes: string[] = [];
  if (args.cli === 'dist' && !existsSync(join(root, 'apps/cli/dist/seqlab.js'))) {
    throw new Error('apps/cli/dist/seqlab.js is missing: run `npm run prepare` or use --cli src');
  }

  const torch = await torchIfWanted(args, notes);
  const machine = machineInfo(torch);

  const ctx: RunContext = {
    root,
    cli: args.cli,
    timeoutMs: args.childTimeoutMs,
    python: DEBIAN_PYTHON,
  };
  const cells = planCells(args, torch !== undefined);
  const rows: Row[] = [];
  for (const [i, cell] of cells.entries()) {
    const row = await runWithBudget(cell, ctx, args);
    rows.push(row);
    log(
      `[${i + 1}/${cells.length}] ${cell.size} ${cell.model} ${cell.engine} ${backendLabel(row)}: ${describe(row)}`,
    );
  }

  if (args.engines.includes('browser')) await runBrowser(args, rows, notes);

  let torchEngine: TorchEngineRow[] | undefined;
  if (args.engines.includes('torch-engine') && torch) {
    log('torch engine: seqlab bench examples/names.seq --engine torch');
    const plan = args.quick ? QUICK_PLANS.small : { steps: 40, warmup: 5 };
    torchEngine = await runTorchEngine(ctx, plan, log);
  }

  let wholeRun: ReportInput['wholeRun'];
  if (args.engines.includes('whole-run')) {
    log('whole runs: seqlab train beside the PyTorch loop, then train versus bench per step');
    wholeRun = {
      runs: await runWholeRuns(ctx, { torch: torch !== undefined, quick: args.quick }, log),
      steps: await runTrainSteps(ctx, args.models, log),
    };
  }

  let compile: CompileRow[] | undefined;
  if (args.engines.includes('compile')) {
    log('compile times of examples/**/*.seq');
    compile = compileTimes(root, seqFiles(root), args.quick ? 3 : 7);
  }

  const input: ReportInput = {
    machine,
    date,
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    sizes: args.sizes,
    plans: args.plans,
    budgetMs: args.budgetMs,
    cellMs: args.cellMs,
    rows,
    ...(compile ? { compile } : {}),
    ...(torchEngine ? { torchEngine } : {}),
    ...(wholeRun ? { wholeRun } : {}),
    notes,
    wallSeconds: (performance.now() - t0) / 1000,
  };
  process.stdout.write('\n' + renderConsole(input));
  if (args.write) {
    const out = join(root, args.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, renderReport(input));
    log(`wrote ${args.out}`);
  } else {
    log(`not written (${args.quick ? '--quick' : '--no-write'}); a full run writes ${args.out}`);
  }
}

const argv = process.argv.slice(2);
const parsed = parseBenchArgs(argv);
if (!parsed.ok) {
  process.stderr.write(`bench: ${parsed.message}\n\n${USAGE}`);
  process.exitCode = 2;
} else if (parsed.args.help) {
  process.stdout.write(USAGE);
} else {
  await run(parsed.args, argv);
}
