/**
 * Sequences of length one through the commands that read data (issue 14 §3): a data set of
 * one-token examples trains, evaluates, predicts and is measured by `seqlab grad`, with
 * finite numbers everywhere; a split with no examples is refused rather than scored NaN.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const names = join(root, 'examples', 'names.seq');

/** `n` JSONL lines from `line(i)`. */
function jsonl(dir: string, file: string, n: number, line: (i: number) => object): string {
  const path = join(dir, file);
  writeFileSync(path, Array.from({ length: n }, (_, i) => JSON.stringify(line(i))).join('\n'));
  return path;
}

describe('a data set of one-step sequences', () => {
  it('trains, evaluates, predicts and measures gradients with finite numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-one-'));
    // One letter per name; the label is a function of the letter, so it can be learnt.
    const data = jsonl(dir, 'letters.jsonl', 80, (i) => ({
      text: 'abcdefgh'[i % 8],
      label: i % 2 === 0 ? 'f' : 'm',
    }));
    const out = join(dir, 'run');
    const small = ['--set', 'hidden=8', '--backend', 'cpu'];
    const train = await seqlab(
      'train',
      names,
      '--data',
      data,
      '--epochs',
      '2',
      '--out',
      out,
      ...small,
    );
    expect(train.stderr).not.toMatch(/error|oneHot/i);
    expect(train.code).toBe(0);

    const ev = await seqlab('eval', out, '--split', 'train', '--json', '--backend', 'cpu');
    expect(ev.code).toBe(0);
    const metrics = (JSON.parse(ev.stdout) as { metrics: Record<string, number> }).metrics;
    expect(Number.isFinite(metrics['loss'])).toBe(true);
    expect(metrics['accuracy']).toBeGreaterThanOrEqual(0);

    const predicted = await seqlab('predict', out, '--input', 'c', '--json', '--backend', 'cpu');
    expect(predicted.code).toBe(0);
    const probs = JSON.parse(predicted.stdout) as { classes: { label: string; p: number }[] }[];
    const classes = probs[0]?.classes ?? [];
    expect(classes.map((c) => c.label).sort()).toEqual(['f', 'm']);
    expect(classes.reduce((sum, c) => sum + c.p, 0)).toBeCloseTo(1, 5);

    const grad = await seqlab('grad', out, '--data', data, '--json', '--backend', 'cpu');
    expect(grad.code).toBe(0);
    const layers = (JSON.parse(grad.stdout) as { layers: { grad_norms: number[] }[] }).layers;
    expect(layers[0]?.grad_norms).toHaveLength(1);
    expect(Number.isFinite(layers[0]?.grad_norms[0])).toBe(true);
  });

  it('training a valid window on one-step data says what is wrong (exit 2, not a bug report)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-one-'));
    const data = jsonl(dir, 'short.jsonl', 40, (i) => ({ text: 'abcd'[i % 4], label: 'f' }));
    const seq = join(dir, 'conv.seq');
    writeFileSync(
      seq,
      [
        'model C(vocab = 8) {',
        '  input name: [B, T] int < vocab',
        '  name |> embed(4) |> conv1d(4, 3, padding = "valid") |> mean_over_time |> dense(2) -> y',
        '  output y',
        '}',
        'train C on names {',
        '  loss = cross_entropy',
        '  optimizer = adam(lr = 0.01)',
        '}',
      ].join('\n'),
    );
    const r = await seqlab(
      'train',
      seq,
      '--data',
      data,
      '--out',
      join(dir, 'run'),
      '--backend',
      'cpu',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `seqlab: conv1d 'conv1d0' (padding "valid") needs at least 3 steps at its input but gets 1`,
    );
    expect(r.stderr).not.toMatch(/internal error|bug/);
  });

  it('eval refuses an empty split instead of printing NaN (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-one-'));
    const data = jsonl(dir, 'few.jsonl', 40, (i) => ({
      text: 'abcd'[i % 4],
      label: i % 2 === 0 ? 'f' : 'm',
      split: 'train',
    }));
    const out = join(dir, 'run');
    const small = ['--set', 'hidden=8', '--backend', 'cpu'];
    expect(
      (await seqlab('train', names, '--data', data, '--epochs', '1', '--out', out, ...small)).code,
    ).toBe(0);
    const ev = await seqlab('eval', out, '--split', 'test', '--backend', 'cpu');
    expect(ev.code).toBe(2);
    expect(ev.stderr).toBe('seqlab: few: the test split is empty; choose another --split\n');
  });
});
