/**
 * The torch engine's rows of `npm run bench` (issue 18): `seqlab bench FILE --engine torch`
 * on a train block's own data, with one process and with two (DDP over gloo), each in a
 * child process like every other cell. The bench models have no data, so this table uses
 * `examples/names.seq`; its numbers are not comparable with the random-input tables above.
 */
import { childFailure, runChild, type ChildResult } from './child.js';
import type { RunContext } from './engines.js';
import { formatMs, type Table } from './table.js';

/** One measured (or failed) torch-engine configuration. */
export type TorchEngineRow =
  | {
      readonly status: 'ok';
      readonly file: string;
      readonly nproc: number;
      readonly device: string;
      readonly batch: number;
      readonly steps: number;
      readonly msPerStep: number;
      readonly samplesPerS: number;
    }
  | {
      readonly status: 'error';
      readonly file: string;
      readonly nproc: number;
      readonly message: string;
    };

/** What the table measures: a file with a train block, on this many processes. */
export interface TorchEngineCase {
  readonly file: string;
  readonly nproc: number;
}

/** The configurations of a full run: names on one process and on two. */
export const TORCH_ENGINE_CASES: readonly TorchEngineCase[] = [
  { file: 'examples/names.seq', nproc: 1 },
  { file: 'examples/names.seq', nproc: 2 },
];

/** The `seqlab bench --engine torch` command line of a case. */
export function torchEngineArgs(
  c: TorchEngineCase,
  ctx: Pick<RunContext, 'cli' | 'python'>,
  plan: { readonly steps: number; readonly warmup: number },
): string[] {
  const cli =
    ctx.cli === 'src' ? ['--import', 'tsx', 'apps/cli/src/main.ts'] : ['apps/cli/dist/seqlab.js'];
  return [
    ...cli,
    'bench',
    c.file,
    '--engine',
    'torch',
    '--nproc',
    String(c.nproc),
    '--python',
    ctx.python,
    '--steps',
    String(plan.steps),
    '--warmup',
    String(plan.warmup),
    '--json',
  ];
}

/** The row of a finished child: its JSON, or an error row saying why there is none. */
export function torchEngineRow(
  c: TorchEngineCase,
  r: ChildResult,
  timeoutMs: number,
): TorchEngineRow {
  const fail = (message: string): TorchEngineRow => ({ status: 'error', ...c, message });
  if (r.code !== 0) return fail(childFailure(r, timeoutMs));
  const start = r.stdout.indexOf('{');
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(r.stdout.slice(start)) as Record<string, unknown>;
  } catch {
    return fail(`seqlab bench printed no JSON: ${r.stdout.slice(0, 80)}`);
  }
  const { ms_per_step: ms, samples_per_s: sps, batch, steps, device } = o;
  if (typeof ms !== 'number' || typeof sps !== 'number' || typeof batch !== 'number') {
    return fail('seqlab bench JSON has no ms_per_step / samples_per_s / batch');
  }
  return {
    status: 'ok',
    ...c,
    device: String(device),
    batch,
    steps: typeof steps === 'number' ? steps : 0,
    msPerStep: ms,
    samplesPerS: sps,
  };
}

/** Runs every case, one child after another, logging each result. */
export async function runTorchEngine(
  ctx: RunContext,
  plan: { readonly steps: number; readonly warmup: number },
  log: (line: string) => void,
  cases: readonly TorchEngineCase[] = TORCH_ENGINE_CASES,
): Promise<TorchEngineRow[]> {
  const rows: TorchEngineRow[] = [];
  for (const c of cases) {
    const r = await runChild(process.execPath, torchEngineArgs(c, ctx, plan), {
      cwd: ctx.root,
      timeoutMs: ctx.timeoutMs,
    });
    const row = torchEngineRow(c, r, ctx.timeoutMs);
    rows.push(row);
    log(
      `torch engine ${c.file} nproc ${c.nproc}: ${row.status === 'ok' ? `${formatMs(row.msPerStep)} ms/step` : `fails: ${row.message}`}`,
    );
  }
  return rows;
}

/** The table: ms per global batch step, samples per second, and the speed-up over one process. */
export function torchEngineTable(rows: readonly TorchEngineRow[]): Table {
  const notes: string[] = [];
  const single = (file: string): number | undefined => {
    const r = rows.find((x) => x.file === file && x.nproc === 1);
    return r?.status === 'ok' ? r.msPerStep : undefined;
  };
  const body = rows.map((r) => {
    if (r.status === 'error') {
      notes.push(`${r.file} nproc ${r.nproc}: ${r.message}`);
      return [r.file, String(r.nproc), '', '', `fails [${notes.length}]`, '', ''];
    }
    const one = single(r.file);
    const speedup = one !== undefined && r.nproc > 1 ? `${(one / r.msPerStep).toFixed(2)}×` : '';
    return [
      r.file,
      String(r.nproc),
      r.device,
      String(r.batch),
      formatMs(r.msPerStep),
      Math.round(r.samplesPerS).toLocaleString('en-US'),
      speedup,
    ];
  });
  return {
    header: ['file', 'processes', 'device', 'global batch', 'ms/step', 'samples/s', 'speed-up'],
    rows: body,
    numeric: [false, true, false, true, true, true, true],
    notes,
  };
}
