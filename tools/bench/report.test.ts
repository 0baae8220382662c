import { describe, expect, it } from 'vitest';
import { rowFromBrowser } from './browser-rows.js';
import type { Cell } from './cells.js';
import type { ChildResult } from './child.js';
import { rowFromPeer, rowFromSeqlab, seqlabArgs } from './engines.js';
import type { MachineInfo } from './machine.js';
import { rowFromPeerLine } from './peers/peer-json.js';
import { renderReport, type ReportInput } from './report.js';
import { DEFAULT_PLANS, SIZES, type Row } from './rows.js';

const machine: MachineInfo = {
  cpu: 'Test CPU 9000',
  cores: 2,
  os: 'linux/x64',
  node: 'v20.0.0',
  tfjsCore: '4.22.0',
  tfjsLayers: '4.22.0',
  torch: { version: '1.13.0', threads: 1 },
  load: [1.5, 1, 0.5],
};

const cell: Cell = {
  engine: 'seqlab',
  runtime: 'node',
  backend: 'cpu',
  model: 'lstm',
  size: 'large',
  config: SIZES.large,
  plan: DEFAULT_PLANS.large,
  probe: 'gate',
};

const child = (stdout: string, code: number | null = 0, stderr = ''): ChildResult => ({
  code,
  stdout,
  stderr,
  timedOut: false,
  ms: 1,
});

describe('renderReport', () => {
  const rows: Row[] = [
    {
      engine: 'seqlab',
      runtime: 'node',
      backend: 'wasm',
      model: 'rnn',
      size: 'small',
      config: SIZES.small,
      plan: DEFAULT_PLANS.small,
      status: 'ok',
      msPerStep: 12,
      inferMs: 3,
    },
  ];
  const input: ReportInput = {
    machine,
    date: '2030-01-02T03:04:05Z',
    command: 'npm run bench -- --only rnn',
    sizes: ['small', 'large'],
    plans: DEFAULT_PLANS,
    budgetMs: 4000,
    cellMs: 30_000,
    rows,
    compile: [{ file: 'examples/x.seq', lines: 3, ms: 1.5 }],
    notes: ['PyTorch skipped: none here'],
    wallSeconds: 61.4,
  };

  it('says when, how and where, then one table per size and the compile times', () => {
    const md = renderReport(input);
    expect(md).toContain('- Date: 2030-01-02T03:04:05Z');
    expect(md).toContain('- Command: `npm run bench -- --only rnn` (61 s)');
    expect(md).toContain('Test CPU 9000, 2 cores');
    expect(md).toContain('PyTorch 1.13.0 (CPU, 1 thread');
    expect(md).toContain('- PyTorch skipped: none here');
    expect(md).toContain(
      '## small configuration: input [B=32, T=50, D=8], width H=64; median of 20 steps after 5 warm-up',
    );
    expect(md).toContain(
      '## large configuration: input [B=64, T=100, D=32], width H=256; median of 5 steps after 2 warm-up',
    );
    expect(md).toContain('over 4.0 s are skipped');
    expect(md).toContain('would take over 30 s it runs fewer');
    expect(md).toContain('| rnn | seqlab | wasm | 12.0 | 3.00 |  | 20+5 |');
    expect(md).toContain('| examples/x.seq | 3 | 1.50 |');
  });

  it('leaves out what was not run', () => {
    const md = renderReport({ ...input, sizes: ['small'], compile: undefined });
    expect(md).not.toContain('large configuration');
    expect(md).not.toContain('Compile time');
  });
});

describe('reading engine output', () => {
  it('reads seqlab bench --json, and refuses a run on another backend', () => {
    const json = JSON.stringify(
      { backend: 'cpu', threads: 2, ms_per_step: 7.5, infer_ms: 2, params: 99 },
      null,
      2,
    );
    const row = rowFromSeqlab(cell, child(`warning: x\n${json}\n`), 1000);
    expect(row).toMatchObject({
      status: 'ok',
      msPerStep: 7.5,
      inferMs: 2,
      params: 99,
      threads: 2,
      engine: 'seqlab',
    });
    const wrong = rowFromSeqlab(cell, child(json.replace('"cpu"', '"wasm"')), 1000);
    expect(wrong).toMatchObject({ status: 'error', message: 'seqlab bench ran on wasm, not cpu' });
    const crashed = rowFromSeqlab(cell, child('', 1, 'trace\nError: out of memory\n'), 1000);
    expect(crashed).toMatchObject({ status: 'error', message: 'exit 1: Error: out of memory' });
  });

  it('passes the size as --set and the steps to seqlab bench', () => {
    const a = seqlabArgs(cell, 'dist');
    expect(a.slice(0, 3)).toEqual(['apps/cli/dist/seqlab.js', 'bench', 'examples/bench/lstm.seq']);
    expect(a.join(' ')).toContain('--backend cpu --batch 64 --time 100 --steps 5 --warmup 2');
    expect(a.join(' ')).toContain('--set input_size=32 --set hidden=256 --json');
  });

  it('reads peer JSON lines, checking every field', () => {
    const line = {
      engine: 'pytorch',
      runtime: 'python',
      backend: 'cpu',
      model: 'gru',
      size: 'small',
      batch: 32,
      time: 50,
      input: 8,
      hidden: 64,
      steps: 20,
      warmup: 5,
      threads: 2,
      ms_per_step: 30.5,
      infer_ms: 4,
    };
    expect(rowFromPeerLine(JSON.stringify(line))).toMatchObject({
      status: 'ok',
      msPerStep: 30.5,
      threads: 2,
      config: SIZES.small,
    });
    expect(rowFromPeerLine(JSON.stringify({ ...line, error: 'no conv' }))).toMatchObject({
      status: 'error',
      message: 'no conv',
    });
    expect(rowFromPeerLine(JSON.stringify({ ...line, model: 'tcn' }))).toMatch(/bad model/);
    expect(rowFromPeerLine(JSON.stringify({ ...line, hidden: 'x' }))).toMatch(/missing sizes/);
    expect(rowFromPeerLine('Traceback')).toMatch(/not JSON/);
    const peerCell: Cell = { ...cell, engine: 'pytorch', model: 'gru', size: 'small' };
    const got = rowFromPeer(peerCell, child(`${JSON.stringify(line)}\n`), 1000);
    expect(got).toMatchObject({ status: 'ok', model: 'gru' });
    const none = rowFromPeer(peerCell, child('', 1, 'ImportError: torch'), 1000);
    expect(none).toMatchObject({ status: 'error', message: 'exit 1: ImportError: torch' });
  });

  it('reads browser rows and reports a malformed one', () => {
    expect(
      rowFromBrowser({
        engine: 'seqlab',
        backend: 'webgl',
        model: 'rnn',
        size: 'small',
        ms_per_step: 9,
        infer_ms: 1,
      }),
    ).toMatchObject({ status: 'ok', runtime: 'chromium', backend: 'webgl', msPerStep: 9 });
    expect(
      rowFromBrowser({
        engine: 'tfjs-layers',
        backend: 'wasm',
        model: 'cnn',
        size: 'large',
        error: 'x',
      }),
    ).toMatchObject({ status: 'error', message: 'x', config: SIZES.large });
    expect(
      rowFromBrowser({ engine: 'keras', backend: 'wasm', model: 'cnn', size: 'large' }),
    ).toMatch(/bad engine/);
  });
});
