import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET_MS, parseBenchArgs, QUICK_PLANS, type BenchArgs } from './args.js';
import { planCells } from './cells.js';
import { DEFAULT_PLANS } from './rows.js';

function parsed(argv: string[]): BenchArgs {
  const r = parseBenchArgs(argv);
  if (!r.ok) throw new Error(r.message);
  return r.args;
}

function message(argv: string[]): string {
  const r = parseBenchArgs(argv);
  return r.ok ? '' : r.message;
}

describe('parseBenchArgs', () => {
  it('runs everything at both sizes and writes the report by default', () => {
    const a = parsed([]);
    expect(a.models).toEqual(['rnn', 'lstm', 'gru', 'cnn']);
    expect(a.sizes).toEqual(['small', 'large']);
    expect(a.engines).toEqual([
      'seqlab',
      'tfjs-layers',
      'pytorch',
      'browser',
      'torch-engine',
      'whole-run',
      'compile',
    ]);
    expect(a.backends).toEqual(['wasm', 'cpu']);
    expect(a.plans).toBe(DEFAULT_PLANS);
    expect(a.write).toBe(true);
    expect(a.out).toBe('docs/benchmarks.md');
    expect(a.budgetMs).toBe(DEFAULT_BUDGET_MS);
    expect(a.cellMs).toBe(30_000);
    expect(parsed(['--cell-seconds', '12']).cellMs).toBe(12_000);
    expect(a.cli).toBe('src');
  });

  it('--quick: small size, few steps, and no report unless --write', () => {
    const a = parsed(['--quick']);
    expect(a.sizes).toEqual(['small']);
    expect(a.plans).toBe(QUICK_PLANS);
    expect(a.write).toBe(false);
    expect(parsed(['--quick', '--write']).write).toBe(true);
    expect(parsed(['--quick', '--sizes', 'large']).sizes).toEqual(['large']);
  });

  it('--only and --engines keep the canonical order', () => {
    const a = parsed(['--only', 'cnn,rnn', '--engines', 'pytorch,seqlab', '--no-write']);
    expect(a.models).toEqual(['rnn', 'cnn']);
    expect(a.engines).toEqual(['seqlab', 'pytorch']);
    expect(a.write).toBe(false);
  });

  it('rejects unknown names, bad numbers, contradictions and unknown flags', () => {
    expect(message(['--only', 'rnn,transformer'])).toMatch(/--only: unknown transformer/);
    expect(message(['--engines', ''])).toMatch(/at least one/);
    expect(message(['--budget-ms', '0'])).toMatch(/--budget-ms 0/);
    expect(message(['--timeout-ms', '1.5'])).toMatch(/--timeout-ms 1.5/);
    expect(message(['--cli', 'bundle'])).toMatch(/--cli bundle/);
    expect(message(['--write', '--no-write'])).toMatch(/contradict/);
    expect(message(['--fast'])).toMatch(/--fast/);
  });
});

describe('planCells', () => {
  it('one model at a time per size (its engines side by side); probes cpu and large cells, gates cpu large ones', () => {
    const cells = planCells(parsed(['--only', 'rnn,cnn']), true);
    const keys = cells.map((c) => `${c.size} ${c.engine} ${c.backend} ${c.model}`);
    expect(keys.slice(0, 10)).toEqual([
      'small seqlab wasm rnn',
      'small seqlab cpu rnn',
      'small tfjs-layers wasm rnn',
      'small tfjs-layers cpu rnn',
      'small pytorch cpu rnn',
      'small seqlab wasm cnn',
      'small seqlab cpu cnn',
      'small tfjs-layers wasm cnn',
      'small tfjs-layers cpu cnn',
      'small pytorch cpu cnn',
    ]);
    expect(cells).toHaveLength(20);
    const probes = new Set(cells.map((c) => `${c.size} ${c.engine} ${c.backend}: ${c.probe}`));
    expect(probes).toEqual(
      new Set([
        'small seqlab wasm: none',
        'small seqlab cpu: fit',
        'small tfjs-layers wasm: none',
        'small tfjs-layers cpu: fit',
        'small pytorch cpu: none',
        'large seqlab wasm: fit',
        'large seqlab cpu: gate',
        'large tfjs-layers wasm: fit',
        'large tfjs-layers cpu: gate',
        'large pytorch cpu: none',
      ]),
    );
    expect(cells.find((c) => c.size === 'large')?.config.hidden).toBe(256);
    expect(cells.find((c) => c.size === 'large')?.plan).toEqual(DEFAULT_PLANS.large);
  });

  it('leaves PyTorch out when it is not installed', () => {
    const cells = planCells(parsed(['--quick']), false);
    expect(cells.some((c) => c.engine === 'pytorch')).toBe(false);
    expect(cells).toHaveLength(16);
  });
});
