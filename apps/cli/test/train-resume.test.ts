/**
 * A run stopped at any step and resumed equals the uninterrupted run bit for bit on the cpu
 * backend: the same weights.safetensors bytes, the same metrics.jsonl numbers, the same
 * summary. The model has dropout, so the random state is exercised too. `--stop-at-step`
 * stops exactly as Ctrl-C does (after a step, with a checkpoint of that step).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'seqlab-resume-'));
const model = join(dir, 'names-dropout.seq');
// 192 examples in batches of 32: 6 steps per epoch, 2 epochs, 12 steps.
const COMMON = ['--limit', '192', '--batch', '32', '--epochs', '2', '--backend', 'cpu'];

interface Line {
  epoch: number;
  step: number;
  train_loss: number;
  valid: Record<string, number>;
  clipped_steps: number;
  max_grad_norm: number;
}

/** The deterministic parts of a run: weights bytes, per-epoch numbers, final metrics. */
function outcome(run: string) {
  const lines = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)
    .map(({ epoch, step, train_loss, valid, clipped_steps, max_grad_norm }) => ({
      epoch,
      step,
      train_loss,
      valid,
      clipped_steps,
      max_grad_norm,
    }));
  const s = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return {
    weights: readFileSync(join(run, 'weights.safetensors')).toString('base64'),
    lines,
    summary: [s['metrics'], s['steps'], s['epochs'], s['clipped_steps'], s['max_grad_norm']],
  };
}

let straight: ReturnType<typeof outcome>;

beforeAll(async () => {
  writeFileSync(
    model,
    readFileSync(join(root, 'examples', 'names.seq'), 'utf8').replace(
      'embed(32) |> gru(hidden)',
      'embed(32) |> dropout(0.3) |> gru(hidden)',
    ),
  );
  const out = join(dir, 'straight');
  const r = await seqlab('train', model, ...COMMON, '--out', out);
  expect(r.code, r.stderr).toBe(0);
  straight = outcome(out);
  expect(straight.lines.map((l) => l.step)).toEqual([6, 12]);
}, 120_000);

describe('train --resume', () => {
  it.each([
    ['mid-epoch in epoch 1', [2]],
    ['at the epoch boundary', [6]],
    ['mid-epoch in epoch 2', [9]],
    ['three times in a row', [1, 5, 10]],
  ])(
    'stopped %s and resumed, equals the uninterrupted run',
    async (name, stops) => {
      const out = join(dir, `stop-${stops.join('-')}`);
      const first = await seqlab(
        'train',
        model,
        ...COMMON,
        '--out',
        out,
        '--stop-at-step',
        String(stops[0]),
      );
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain(`checkpoint of step ${stops[0]}`);
      expect(first.stderr).toContain(`continue with: seqlab train --resume ${out} --backend cpu`);
      for (const stop of stops.slice(1)) {
        const r = await seqlab('train', '--resume', out, '--stop-at-step', String(stop));
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`checkpoint of step ${stop}`);
      }
      // No --backend: the run's own (cpu) is used.
      const last = await seqlab('train', '--resume', out);
      expect(last.code, last.stderr).toBe(0);
      expect(last.stderr).toContain('backend cpu');
      expect(last.stderr).toContain(`resuming at step ${stops[stops.length - 1]}`);
      expect(outcome(out)).toEqual(straight);
    },
    120_000,
  );

  it('checkpoints during epochs do not change the result', async () => {
    const out = join(dir, 'every-2');
    const r = await seqlab('train', model, ...COMMON, '--out', out, '--checkpoint-every', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(outcome(out)).toEqual(straight);
  }, 120_000);

  it('a finished run has nothing to resume and is left as it is', async () => {
    const out = join(dir, 'straight');
    const r = await seqlab('train', '--resume', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('has finished its 2 epochs; give --epochs N');
    expect(outcome(out)).toEqual(straight);
  });

  it('refuses flags that would make the resumed run a different one', async () => {
    const r = await seqlab(
      'train',
      '--resume',
      join(dir, 'straight'),
      '--batch',
      '16',
      '--seed',
      '3',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seed, --batch cannot change/);
  });
});
