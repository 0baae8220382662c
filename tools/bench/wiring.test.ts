/**
 * The real engines, tiny: one cell each of seqlab (`seqlab bench` in a child), the
 * tfjs-layers peer (a child) and the PyTorch peer (a child, where Debian's python3-torch is
 * installed; otherwise the skip is printed), exactly as `npm run bench` runs them, plus the
 * compile-time pass over the examples. Proves the wiring, not the speed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.js';
import { compileTimes, seqFiles } from './compile-times.js';
import { DEBIAN_PYTHON, detectTorch, runCell, type RunContext } from './engines.js';
import type { Row } from './rows.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ctx: RunContext = { root, cli: 'src', timeoutMs: 240_000, python: DEBIAN_PYTHON };
const tiny = { batch: 2, time: 3, input: 8, hidden: 4 };

function cellOf(engine: Cell['engine'], model: Cell['model']): Cell {
  return {
    engine,
    runtime: engine === 'pytorch' ? 'python' : 'node',
    backend: 'cpu',
    model,
    size: 'small',
    config: tiny,
    plan: { steps: 1, warmup: 0 },
    probe: 'none',
  };
}

function expectMeasured(row: Row): void {
  if (row.status !== 'ok') throw new Error(`${row.engine}: ${JSON.stringify(row)}`);
  expect(row.msPerStep).toBeGreaterThan(0);
  expect(row.inferMs).toBeGreaterThan(0);
}

describe.concurrent('one tiny cell per engine, as npm run bench runs it', () => {
  it('seqlab bench --json in a child process', async () => {
    const row = await runCell(cellOf('seqlab', 'gru'), ctx);
    expectMeasured(row);
    // gru(4) over 8 inputs, two biases (PyTorch layout), dense 4 -> 4.
    expect(row.params).toBe(3 * 4 * (8 + 4) + 2 * 3 * 4 + (4 * 4 + 4));
  });

  it('the tfjs-layers peer in a child process', async () => {
    const row = await runCell(cellOf('tfjs-layers', 'gru'), ctx);
    expectMeasured(row);
    // Keras' GRU has one bias per gate: 3·4·(8 + 4) + 3·4, then dense 4 -> 4.
    expect(row.params).toBe(3 * 4 * (8 + 4) + 3 * 4 + (4 * 4 + 4));
  });

  it('the PyTorch peer in a child process, when /usr/bin/python3 has torch', async () => {
    const row = await runCell(cellOf('pytorch', 'gru'), ctx);
    if (row.status === 'error') {
      // Only a missing torch excuses a failure; ask why (a second Python start, rare path).
      const torch = await detectTorch(root);
      if (!torch.ok) {
        console.warn(`wiring.test: PyTorch peer SKIPPED: ${torch.reason}`);
        return;
      }
    }
    expectMeasured(row);
    expect(row.params).toBe(3 * 4 * (8 + 4) + 2 * 3 * 4 + (4 * 4 + 4));
    expect(row.threads).toBeGreaterThanOrEqual(1);
  });
});

describe('compile times', () => {
  it('finds the examples, bench ones included, and compiles them', () => {
    const files = seqFiles(root);
    expect(files).toContain('examples/bench/lstm.seq');
    const rows = compileTimes(
      root,
      files.filter((f) => f.startsWith('examples/bench/')),
      1,
    );
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.ms, `${r.file}: ${r.error ?? ''}`).toBeGreaterThan(0);
  });
});
