import { describe, expect, it } from 'vitest';
import { compare, targetRatio } from './ratios.js';
import { SIZES, type Row } from './rows.js';
import {
  backendLabel,
  compileTable,
  formatMs,
  renderMarkdown,
  renderText,
  resultsTable,
  sortRows,
} from './table.js';

type Partial2 = Pick<Row, 'engine' | 'model'> & Partial<Omit<Row, 'status'>>;

/** A made-up measured row. */
function ok(r: Partial2, msPerStep: number, inferMs = msPerStep / 4): Row {
  return {
    size: 'small',
    runtime: r.engine === 'pytorch' ? 'python' : 'node',
    backend: r.engine === 'pytorch' ? 'cpu' : 'wasm',
    config: SIZES.small,
    plan: { steps: 20, warmup: 5 },
    ...r,
    status: 'ok',
    msPerStep,
    inferMs,
  };
}

function failed(r: Partial2, message: string): Row {
  return {
    size: 'small',
    runtime: 'node',
    backend: 'wasm',
    config: SIZES.small,
    ...r,
    status: 'error',
    message,
  };
}

describe('targets and ratios', () => {
  it('uses issue 7 targets: 2x PyTorch, 5x for the cnn, 1.5x faster than tfjs-layers', () => {
    expect(targetRatio('pytorch', 'lstm')).toBe(2);
    expect(targetRatio('pytorch', 'cnn')).toBe(5);
    expect(targetRatio('tfjs-layers', 'rnn')).toBeCloseTo(0.6667, 4);
  });

  it('divides seqlab by PyTorch of the same model and size, whatever the backend', () => {
    const seq = ok({ engine: 'seqlab', model: 'rnn', backend: 'cpu' }, 30);
    const rows = [
      seq,
      ok({ engine: 'pytorch', model: 'rnn' }, 10),
      ok({ engine: 'pytorch', model: 'lstm' }, 1000),
      ok({ engine: 'pytorch', model: 'rnn', size: 'large' }, 1),
    ];
    expect(compare(seq, 'pytorch', rows)).toEqual({ kind: 'ratio', ratio: 3, met: false });
    const close = ok({ engine: 'seqlab', model: 'rnn' }, 20);
    expect(compare(close, 'pytorch', [close, ...rows.slice(1)])).toEqual({
      kind: 'ratio',
      ratio: 2,
      met: true,
    });
  });

  it('the cnn meets its target up to 5x PyTorch', () => {
    const seq = ok({ engine: 'seqlab', model: 'cnn' }, 6);
    const c = compare(seq, 'pytorch', [seq, ok({ engine: 'pytorch', model: 'cnn' }, 1.3)]);
    expect(c.kind === 'ratio' && c.met).toBe(true);
  });

  it('compares with tfjs-layers only on the same runtime and backend', () => {
    const seq = ok({ engine: 'seqlab', model: 'gru', backend: 'wasm' }, 10);
    const cpuPeer = ok({ engine: 'tfjs-layers', model: 'gru', backend: 'cpu' }, 100);
    const browserPeer = ok(
      { engine: 'tfjs-layers', model: 'gru', backend: 'wasm', runtime: 'chromium' },
      100,
    );
    expect(compare(seq, 'tfjs-layers', [seq, cpuPeer, browserPeer])).toEqual({ kind: 'absent' });
    const wasmPeer = ok({ engine: 'tfjs-layers', model: 'gru', backend: 'wasm' }, 20);
    expect(compare(seq, 'tfjs-layers', [seq, cpuPeer, wasmPeer])).toEqual({
      kind: 'ratio',
      ratio: 0.5,
      met: true,
    });
  });

  it('says when the peer cannot run the cell, and gives no ratio for a failed seqlab row', () => {
    const seq = ok({ engine: 'seqlab', model: 'cnn' }, 10);
    const peer = failed({ engine: 'tfjs-layers', model: 'cnn' }, 'no Conv2DBackpropFilter');
    expect(compare(seq, 'tfjs-layers', [seq, peer])).toEqual({
      kind: 'peer-failed',
      message: 'no Conv2DBackpropFilter',
    });
    const bad = failed({ engine: 'seqlab', model: 'rnn' }, 'boom');
    expect(compare(bad, 'pytorch', [bad, ok({ engine: 'pytorch', model: 'rnn' }, 5)])).toEqual({
      kind: 'none',
    });
  });
});

describe('tables', () => {
  const rows: Row[] = [
    ok({ engine: 'pytorch', model: 'rnn', threads: 1 }, 10.6),
    failed({ engine: 'tfjs-layers', model: 'cnn' }, 'Kernel Conv2DBackpropFilter | missing'),
    ok({ engine: 'seqlab', model: 'rnn', params: 4996 }, 15.9),
    ok({ engine: 'tfjs-layers', model: 'rnn' }, 27),
    ok({ engine: 'seqlab', model: 'cnn' }, 4),
    ok({ engine: 'seqlab', model: 'rnn', size: 'large', config: SIZES.large }, 500),
    {
      ...ok({ engine: 'seqlab', model: 'rnn', backend: 'cpu' }, 1),
      status: 'skipped',
      reason: 'slow',
    },
  ];

  it('formats milliseconds to about three digits', () => {
    expect([formatMs(1.314), formatMs(27.44), formatMs(102.4), formatMs(NaN)]).toEqual([
      '1.31',
      '27.4',
      '102',
      '?',
    ]);
  });

  it('orders rows by size, model, engine, runtime and backend', () => {
    const order = sortRows(rows).map((r) => `${r.size} ${r.model} ${r.engine} ${r.backend}`);
    expect(order).toEqual([
      'small rnn seqlab wasm',
      'small rnn seqlab cpu',
      'small rnn tfjs-layers wasm',
      'small rnn pytorch cpu',
      'small cnn seqlab wasm',
      'small cnn tfjs-layers wasm',
      'large rnn seqlab wasm',
    ]);
  });

  it('puts ratios on seqlab rows only and numbers the failures', () => {
    const t = resultsTable(rows, 'small');
    expect(t.rows).toHaveLength(6); // the large row is in its own table
    const byKey = new Map(t.rows.map((r) => [`${r[0]} ${r[1]} ${r[2]}`, r]));
    // 15.9 / 10.6 = 1.50 (met), 15.9 / 27 = 0.59 (met)
    expect(byKey.get('rnn seqlab wasm')?.slice(3)).toEqual([
      '15.9',
      '3.98',
      '4,996',
      '20+5',
      '1.50× ✓',
      '0.59× ✓',
    ]);
    expect(byKey.get('rnn tfjs-layers wasm')?.slice(7)).toEqual(['', '']);
    expect(byKey.get('rnn seqlab cpu')?.[3]).toBe('skipped [1]');
    expect(byKey.get('cnn tfjs-layers wasm')?.[3]).toBe('fails [2]');
    expect(byKey.get('cnn seqlab wasm')?.slice(7)).toEqual(['', 'peer fails']);
    expect(byKey.get('cnn tfjs-layers wasm')?.[6]).toBe(''); // no plan for a failed cell
    expect(byKey.has('rnn pytorch cpu, 1 thread')).toBe(true);
    expect(t.notes).toEqual([
      'seqlab cpu rnn: slow',
      'tfjs-layers wasm cnn: Kernel Conv2DBackpropFilter | missing',
    ]);
  });

  it('labels the backend with where it ran', () => {
    const r = ok({ engine: 'seqlab', model: 'rnn', runtime: 'chromium', backend: 'webgl' }, 1);
    expect(backendLabel(r)).toBe('webgl (chromium)');
    expect(backendLabel(ok({ engine: 'pytorch', model: 'rnn', threads: 4 }, 1))).toBe(
      'cpu, 4 threads',
    );
    // seqlab in Node: wasm's --threads auto gives large models two.
    const wasm = ok({ engine: 'seqlab', model: 'rnn', backend: 'wasm', threads: 2 }, 1);
    expect(backendLabel(wasm)).toBe('wasm, 2 threads');
  });

  it('renders markdown with aligned numeric columns and escaped pipes', () => {
    const md = renderMarkdown(resultsTable(rows, 'small')).split('\n');
    expect(md[0]).toBe(
      '| model | engine | backend | ms/step | infer ms | params | steps | ÷ PyTorch | ÷ tfjs-layers |',
    );
    expect(md[1]).toBe('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(md.filter((l) => l.startsWith('| ')).length).toBe(2 + 6); // header, rule, rows
    expect(md).toContain('2. tfjs-layers wasm cnn: Kernel Conv2DBackpropFilter | missing');
    // Every table line has the same number of unescaped separators.
    const pipes = (l: string): number => (l.replace(/\\\|/g, '').match(/\|/g) ?? []).length;
    expect(new Set(md.filter((l) => l.startsWith('|')).map(pipes)).size).toBe(1);
  });

  it('renders text with numbers right-aligned under their header', () => {
    const lines = renderText(resultsTable(rows, 'small')).split('\n');
    const header = lines[0] ?? '';
    const end = header.indexOf('ms/step') + 'ms/step'.length;
    for (const l of lines.slice(2, 8)) {
      if (l.includes('skipped') || l.includes('fails')) continue;
      expect(l[end - 1]).toMatch(/\d/);
      expect(l[end]).toBe(' ');
    }
    expect(lines.at(-1)).toBe('[2] tfjs-layers wasm cnn: Kernel Conv2DBackpropFilter | missing');
  });

  it('lists compile times and compile failures', () => {
    const t = compileTable([
      { file: 'examples/a.seq', lines: 10, ms: 3.21 },
      { file: 'examples/b.seq', lines: 4, error: 'SEQ1: oops' },
    ]);
    expect(t.rows).toEqual([
      ['examples/a.seq', '10', '3.21'],
      ['examples/b.seq', '4', 'fails [1]'],
    ]);
    expect(t.notes).toEqual(['examples/b.seq: SEQ1: oops']);
  });
});
