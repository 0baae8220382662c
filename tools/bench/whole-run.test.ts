/**
 * The whole-run tables: a run directory read back into epoch times and the test metric,
 * the ratios to the PyTorch loop with their ✓/✗, train ÷ bench per step, failures as notes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Row } from './rows.js';
import { SIZES } from './rows.js';
import { renderText } from './table.js';
import { medianMsPerStep, readRunTimes, trainArgs, type WholeRunRow } from './whole-run.js';
import { trainStepTable, wholeRunTable } from './whole-run-table.js';

function runDir(epochs: { step: number; seconds: number }[], test: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whole-run-test-'));
  writeFileSync(join(dir, 'metrics.jsonl'), epochs.map((e) => JSON.stringify(e)).join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ metrics: { test } }));
  return dir;
}

describe('whole runs', () => {
  it('reads epoch seconds, steps per epoch and the first metric other than the loss', () => {
    const dir = runDir(
      [
        { step: 10, seconds: 2 },
        { step: 20, seconds: 1 },
        { step: 30, seconds: 1.2 },
      ],
      { loss: 0.4, accuracy: 0.87 },
    );
    try {
      const t = readRunTimes(dir, 9.5);
      expect(t.epochSeconds).toEqual([2, 1, 1.2]);
      expect(t.epochSteps).toEqual([10, 10, 10]);
      expect(t.test).toEqual({ name: 'accuracy', value: 0.87 });
      // The first epoch (kernel compilation) is left out of the per-step median.
      expect(medianMsPerStep(t)).toBeCloseTo(110, 6);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('trains on wasm, or on the torch engine with one process and no DDP', () => {
    const ctx = { cli: 'dist' as const, python: '/usr/bin/python3' };
    expect(trainArgs(ctx, 'a.seq', 'seqlab wasm', '/o', ['--epochs', '2']).join(' ')).toBe(
      'apps/cli/dist/seqlab.js train a.seq --backend wasm --out /o --epochs 2',
    );
    expect(trainArgs(ctx, 'a.seq', 'pytorch loop', '/o', []).join(' ')).toBe(
      'apps/cli/dist/seqlab.js train a.seq --engine torch --nproc 1 --device cpu --python /usr/bin/python3 --out /o',
    );
  });

  it('divides seqlab by the PyTorch loop and marks what is not faster', () => {
    const ok = (engine: 'seqlab wasm' | 'pytorch loop', epoch: number, wall: number) =>
      ({
        label: 'names',
        engine,
        status: 'ok',
        epochSeconds: [epoch, epoch],
        epochSteps: [10, 10],
        wallSeconds: wall,
        test: { name: 'accuracy', value: 0.86 },
      }) satisfies WholeRunRow;
    const rows: WholeRunRow[] = [
      ok('seqlab wasm', 1, 30),
      ok('pytorch loop', 2, 20),
      { label: 'temp', engine: 'seqlab wasm', status: 'error', message: 'exit 2: no data' },
    ];
    const text = renderText(wholeRunTable(rows));
    expect(text).toMatch(
      /names\s+seqlab wasm\s+2\s+1\.00\s+30\.0\s+accuracy 0\.8600\s+0\.50× ✓\s+1\.50× ✗/,
    );
    expect(text).toContain('[1] temp seqlab wasm: exit 2: no data');
  });

  it('puts train per step beside the small wasm bench row of the same model', () => {
    const bench: Row = {
      model: 'lstm',
      size: 'small',
      engine: 'seqlab',
      runtime: 'node',
      backend: 'wasm',
      config: SIZES.small,
      status: 'ok',
      msPerStep: 20,
      inferMs: 5,
    };
    const text = renderText(
      trainStepTable(
        [
          { model: 'lstm', trainMs: 21 },
          { model: 'gru', trainMs: 30 },
          { model: 'cnn', trainMs: undefined, message: 'exit 1' },
        ],
        [bench],
      ),
    );
    expect(text).toMatch(/lstm\s+21\.0\s+20\.0\s+1\.05× ✓/);
    expect(text).toMatch(/gru\s+30\.0\s+not run/);
    expect(text).toContain('[1] cnn: exit 1');
  });
});
