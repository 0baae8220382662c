/**
 * The torch engine's bench table: rows from `seqlab bench --engine torch --json` children,
 * the speed-up over one process, failures as numbered notes; and one real child, as
 * `npm run bench` runs it, where /usr/bin/python3 has torch.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChildResult } from './child.js';
import { DEBIAN_PYTHON, detectTorch } from './engines.js';
import { renderText } from './table.js';
import {
  runTorchEngine,
  torchEngineArgs,
  torchEngineRow,
  torchEngineTable,
} from './torch-engine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const names = { file: 'examples/names.seq', nproc: 2 };

function child(code: number | null, stdout: string, stderr = ''): ChildResult {
  return { code, stdout, stderr, timedOut: false, ms: 1 };
}

const json = (ms: number, nproc: number): string =>
  `torch engine: ${nproc} processes\n` +
  JSON.stringify({
    ms_per_step: ms,
    samples_per_s: 32000 / ms,
    batch: 32,
    steps: 10,
    device: 'cpu',
  });

describe('torch engine rows', () => {
  it('asks the CLI for the torch engine with the case and the Python', () => {
    const args = torchEngineArgs(
      names,
      { cli: 'dist', python: '/opt/py' },
      { steps: 4, warmup: 1 },
    );
    expect(args.join(' ')).toBe(
      'apps/cli/dist/seqlab.js bench examples/names.seq --engine torch --nproc 2 --python /opt/py --steps 4 --warmup 1 --json',
    );
  });

  it('reads the JSON after the progress lines', () => {
    const row = torchEngineRow(names, child(0, json(8, 2)), 1000);
    expect(row).toMatchObject({ status: 'ok', msPerStep: 8, batch: 32, nproc: 2, device: 'cpu' });
  });

  it('turns a failed child or missing fields into an error row', () => {
    const dead = torchEngineRow(names, child(1, '', 'Traceback\nValueError: bad\n'), 1000);
    expect(dead).toMatchObject({ status: 'error', message: 'exit 1: ValueError: bad' });
    const empty = torchEngineRow(names, child(0, '{"ms_per_step": 3}'), 1000);
    expect(empty.status).toBe('error');
  });

  it('gives the speed-up of more processes over one, and numbers failures', () => {
    const rows = [
      torchEngineRow({ ...names, nproc: 1 }, child(0, json(10, 1)), 1000),
      torchEngineRow(names, child(0, json(8, 2)), 1000),
      torchEngineRow({ ...names, nproc: 4 }, child(2, '', 'no torch'), 1000),
    ];
    const text = renderText(torchEngineTable(rows));
    expect(text).toMatch(/examples\/names\.seq\s+2\s+cpu\s+32\s+8\.00\s+4,000\s+1\.25×/);
    expect(text).toContain('fails [1]');
    expect(text).toContain('[1] examples/names.seq nproc 4: exit 2: no torch');
  });
});

describe('the torch engine in a child process, as npm run bench runs it', () => {
  it('times a step of names.seq on one process, when /usr/bin/python3 has torch', async () => {
    const torch = await detectTorch(root);
    if (!torch.ok) {
      console.warn(`torch-engine.test: torch engine SKIPPED: ${torch.reason}`);
      return;
    }
    const ctx = { root, cli: 'src' as const, timeoutMs: 240_000, python: DEBIAN_PYTHON };
    const [row] = await runTorchEngine(ctx, { steps: 2, warmup: 1 }, () => undefined, [
      { file: 'examples/names.seq', nproc: 1 },
    ]);
    if (row?.status !== 'ok') throw new Error(JSON.stringify(row));
    expect(row.msPerStep).toBeGreaterThan(0);
    expect(row.steps).toBe(2);
  });
});
