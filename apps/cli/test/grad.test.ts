/**
 * `seqlab grad` end to end: the scalar example's values (the "done when"), the JSON
 * shape, data batches, trained runs, and `seqlab train --watch-grads`.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const scalar = join(root, 'examples', 'scalar.seq');
const names = join(root, 'examples', 'names.seq');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'seqlab-grad-'));

interface LayerJson {
  name: string;
  grad_norms: number[];
  ratio: number | null;
  spectral_radius: number | null;
  max_singular_value: number | null;
  mean_jacobian_norm: number | null;
  verdict: string;
  suggestion: string;
  loss_at: string;
}

async function gradJson(...args: string[]): Promise<LayerJson[]> {
  const r = await seqlab('grad', ...args, '--json', '--backend', 'cpu');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { layers: LayerJson[] }).layers;
}

describe('seqlab grad on the scalar RNN h_t = tanh(w h_{t-1})', () => {
  it.each([
    ['0.5', 0.5 ** 49, 'vanishing'],
    ['1', 1, 'healthy'],
    ['2', 2 ** 49, 'exploding'],
  ] as const)('w = %s, T = 50: ‖∂L/∂h_1‖ / ‖∂L/∂h_50‖ = w^49, %s', async (w, ratio, verdict) => {
    const [layer, ...rest] = await gradJson(scalar, '--set', `w=${w}`, '--steps', '50');
    expect(rest).toEqual([]);
    expect(layer?.name).toBe('scalar0');
    expect(layer?.grad_norms).toHaveLength(50);
    expect(Math.abs((layer?.ratio ?? NaN) / ratio - 1)).toBeLessThan(1e-3);
    // Every step, not just the ends: ‖∂L/∂h_t‖ = w^(50−t).
    layer?.grad_norms.forEach((g, i) => {
      expect(Math.abs(g / Number(w) ** (49 - i) - 1)).toBeLessThan(1e-3);
    });
    expect(layer?.spectral_radius).toBeCloseTo(Number(w), 6);
    expect(layer?.mean_jacobian_norm).toBeCloseTo(Number(w), 6);
    expect(layer?.verdict).toBe(verdict);
    expect(layer?.loss_at).toBe('last');
  });

  it('the numbers the issue quotes: 1.8e-15 and 5.6e14', async () => {
    const [down] = await gradJson(scalar, '--set', 'w=0.5', '--steps', '50');
    const [up] = await gradJson(scalar, '--set', 'w=2', '--steps', '50');
    expect(down?.ratio?.toPrecision(2)).toBe('1.8e-15');
    expect(up?.ratio?.toPrecision(2)).toBe('5.6e+14');
  });

  it('prints a table and writes the log-norm plot', async () => {
    const out = join(tmp(), 'plot.svg');
    const r = await seqlab(
      'grad',
      scalar,
      '--set',
      'w=2',
      '--steps',
      '50',
      '-o',
      out,
      '--backend',
      'cpu',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scalar0\s+scan Scalar\s+50\s+5\.63e\+14\s+1\.00\s+5\.63e\+14/);
    expect(r.stdout).toContain('exploding: clip the global gradient norm');
    expect(readFileSync(out, 'utf8')).toContain('<polyline');
  });

  it('rejects a bad --loss-at', async () => {
    const r = await seqlab('grad', scalar, '--loss-at', 'middle', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose last or every');
  });
});

describe('seqlab grad on sequences of length one', () => {
  it.each([
    ['stacked-rnn.seq', 'last'],
    ['stacked-rnn.seq', 'every'],
    ['tagger.seq', 'last'],
    ['tagger.seq', 'every'],
  ])('%s --steps 1 --loss-at %s: one finite norm per layer and direction', async (file, at) => {
    for (const batch of ['1', '3']) {
      const path = join(root, 'examples', file);
      const layers = await gradJson(path, '--steps', '1', '--batch', batch, '--loss-at', at);
      expect(layers.length).toBeGreaterThan(0);
      for (const layer of layers) {
        expect(layer.grad_norms).toHaveLength(1);
        expect(layer.grad_norms[0]).toBeGreaterThan(0);
        expect(Number.isFinite(layer.grad_norms[0])).toBe(true);
      }
    }
  });
});

describe('seqlab grad on data and on runs', () => {
  it('measures the training loss on a batch of a data set, at every step', async () => {
    const [gru] = await gradJson(names, '--data', 'names', '--batch', '4', '--loss-at', 'every');
    expect(gru?.name).toBe('gru0');
    expect(gru?.loss_at).toBe('every');
    expect(gru?.grad_norms.every((g) => g > 0)).toBe(true);
    expect(gru?.spectral_radius).toBeGreaterThan(0);
  });

  it('reads the trained weights of a run; train --watch-grads logs grads.jsonl', async () => {
    const out = join(tmp(), 'run');
    const t = await seqlab(
      'train',
      names,
      '--limit',
      '192',
      '--batch',
      '32',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--out',
      out,
      '--watch-grads',
      '2',
    );
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/gradients: clipping fired in \d+ of 6 steps/);
    const lines = readFileSync(join(out, 'grads.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0] ?? '{}') as {
      step: number;
      global_norm: number;
      layers: { name: string; grad_norms: number[]; spectral_radius: number }[];
    };
    expect(first.step).toBe(2);
    expect(first.layers[0]?.name).toBe('gru0');
    expect(first.layers[0]?.grad_norms.length).toBeGreaterThan(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      watch_grads: { records: number; steps: number };
    };
    expect(summary.watch_grads).toMatchObject({ records: 3, steps: 6 });

    expect(existsSync(join(out, 'weights.safetensors'))).toBe(true);
    const [trained] = await gradJson(out, '--steps', '12');
    expect(trained?.grad_norms).toHaveLength(12);
    const r = await seqlab('grad', out, '--set', 'hidden=3', '--backend', 'cpu');
    expect(r.code).toBe(2);
  });
});
