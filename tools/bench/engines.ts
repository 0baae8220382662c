/**
 * Running one cell of each engine as a child process and turning what it prints into a
 * {@link Row}: seqlab through `seqlab bench --json`, the tfjs-layers and PyTorch peers
 * through their JSON lines. A failure becomes an error row, never an exception, so one
 * broken cell cannot lose a fifteen-minute run.
 */
import { join } from 'node:path';
import type { Cell } from './cells.js';
import { childFailure, runChild, type ChildResult } from './child.js';
import type { TorchInfo } from './machine.js';
import { rowFromPeerLine } from './peers/peer-json.js';
import type { Row, RowBase } from './rows.js';

/** Where and how children run. */
export interface RunContext {
  /** The repository root (children run there). */
  readonly root: string;
  /** seqlab from source through tsx, or the built bundle apps/cli/dist/seqlab.js. */
  readonly cli: 'src' | 'dist';
  readonly timeoutMs: number;
  /** The Python with torch (Debian's, not the pyenv one on PATH). */
  readonly python: string;
}

/** Debian's python3, where python3-torch installs. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const PYTORCH_PEER = 'tools/bench/peers/pytorch_bench.py';
const LAYERS_PEER = 'tools/bench/peers/tfjs-layers-bench.ts';

/** The fields of a row that come from the cell itself. */
export function baseOf(cell: Cell): RowBase {
  return {
    model: cell.model,
    size: cell.size,
    engine: cell.engine,
    runtime: cell.runtime,
    backend: cell.backend,
    config: cell.config,
    plan: cell.plan,
  };
}

function errorRow(cell: Cell, message: string): Row {
  return { ...baseOf(cell), status: 'error', message };
}

/** Node with tsx, for TypeScript entry points. */
const tsx = (file: string): string[] => ['--import', 'tsx', file];

/** The `seqlab bench` command line of a cell. */
export function seqlabArgs(cell: Cell, cli: 'src' | 'dist'): string[] {
  const { batch, time, input, hidden } = cell.config;
  return [
    ...(cli === 'src' ? tsx('apps/cli/src/main.ts') : ['apps/cli/dist/seqlab.js']),
    'bench',
    `examples/bench/${cell.model}.seq`,
    '--backend',
    cell.backend,
    '--batch',
    String(batch),
    '--time',
    String(time),
    '--steps',
    String(cell.plan.steps),
    '--warmup',
    String(cell.plan.warmup),
    '--set',
    `input_size=${input}`,
    '--set',
    `hidden=${hidden}`,
    '--json',
  ];
}

/** The row of a `seqlab bench --json` child (pretty-printed JSON on stdout). */
export function rowFromSeqlab(cell: Cell, r: ChildResult, timeoutMs: number): Row {
  if (r.code !== 0) return errorRow(cell, childFailure(r, timeoutMs));
  const start = r.stdout.indexOf('{');
  const end = r.stdout.lastIndexOf('}');
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(r.stdout.slice(start, end + 1)) as Record<string, unknown>;
  } catch {
    return errorRow(cell, `seqlab bench printed no JSON: ${r.stdout.slice(0, 80)}`);
  }
  const { ms_per_step: step, infer_ms: infer, params, backend, threads } = o;
  if (typeof step !== 'number' || typeof infer !== 'number') {
    return errorRow(cell, 'seqlab bench JSON has no ms_per_step / infer_ms');
  }
  if (backend !== cell.backend) {
    return errorRow(cell, `seqlab bench ran on ${String(backend)}, not ${cell.backend}`);
  }
  return {
    ...baseOf(cell),
    ...(typeof params === 'number' ? { params } : {}),
    // wasm's `--threads auto` gives large models two: the table says how many each had.
    ...(typeof threads === 'number' ? { threads } : {}),
    status: 'ok',
    msPerStep: step,
    inferMs: infer,
  };
}

/** The peer command line of a cell (tfjs-layers or PyTorch): one model, one size. */
export function peerArgs(cell: Cell): string[] {
  const { batch, time, input, hidden } = cell.config;
  const common = [
    '--models',
    cell.model,
    '--sizes',
    cell.size,
    '--steps',
    String(cell.plan.steps),
    '--warmup',
    String(cell.plan.warmup),
    '--batch',
    String(batch),
    '--time',
    String(time),
    '--input',
    String(input),
    '--hidden',
    String(hidden),
  ];
  return cell.engine === 'pytorch'
    ? [PYTORCH_PEER, ...common]
    : [...tsx(LAYERS_PEER), '--backend', cell.backend, ...common];
}

/** The row of a peer child: its first JSON line for this cell. */
export function rowFromPeer(cell: Cell, r: ChildResult, timeoutMs: number): Row {
  const lines = r.stdout.split('\n').filter((l) => l.trim().startsWith('{'));
  for (const line of lines) {
    const row = rowFromPeerLine(line);
    if (typeof row === 'string') return errorRow(cell, row);
    if (row.model === cell.model && row.size === cell.size) return row;
  }
  return errorRow(cell, childFailure(r, timeoutMs));
}

/** Time one cell in a child process. */
export async function runCell(cell: Cell, ctx: RunContext): Promise<Row> {
  const opts = { cwd: ctx.root, timeoutMs: ctx.timeoutMs };
  switch (cell.engine) {
    case 'seqlab':
      return rowFromSeqlab(
        cell,
        await runChild(process.execPath, seqlabArgs(cell, ctx.cli), opts),
        ctx.timeoutMs,
      );
    case 'tfjs-layers':
      return rowFromPeer(
        cell,
        await runChild(process.execPath, peerArgs(cell), opts),
        ctx.timeoutMs,
      );
    case 'pytorch':
      return rowFromPeer(cell, await runChild(ctx.python, peerArgs(cell), opts), ctx.timeoutMs);
  }
}

/** PyTorch's version and threads, or why it cannot run here. */
export async function detectTorch(
  root: string,
  python = DEBIAN_PYTHON,
): Promise<{ ok: true; info: TorchInfo } | { ok: false; reason: string }> {
  const r = await runChild(python, [PYTORCH_PEER, '--info'], { cwd: root, timeoutMs: 60_000 });
  if (r.code === 0) {
    try {
      const o = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
      if (typeof o.torch === 'string' && typeof o.threads === 'number') {
        return { ok: true, info: { version: o.torch, threads: o.threads } };
      }
    } catch {
      // fall through to the message below
    }
    return { ok: false, reason: `${python} ${PYTORCH_PEER} --info printed no versions` };
  }
  if (r.code === null && !r.timedOut) return { ok: false, reason: `${python} is missing` };
  if (/No module named .?torch/.test(r.stderr)) {
    return { ok: false, reason: `${python} has no torch (apt-get install python3-torch)` };
  }
  return { ok: false, reason: `${python} cannot run the PyTorch peer: ${childFailure(r, 60_000)}` };
}

/** The path of the optional browser runner module. */
export function browserRunnerPath(root: string): string {
  return join(root, 'tools', 'bench', 'browser', 'run-browser-bench.ts');
}
