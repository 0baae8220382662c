/**
 * `seqlab train / eval / predict` end to end on small slices of the names data set (the cpu
 * backend, so runs repeat exactly). Each test trains for a few steps only.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSafetensors } from '@seqlab/tfjs';
import { describe, expect, it } from 'vitest';
import { lockRun, newRunDir } from '../src/training/run-dir.js';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const names = join(root, 'examples', 'names.seq');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'seqlab-train-'));
const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const lines = (path: string): { epoch: number; train_loss: number }[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { epoch: number; train_loss: number });

describe('seqlab train', () => {
  it('leaves a complete run directory that eval and predict can use', async () => {
    const out = join(tmp(), 'run');
    const r = await seqlab(
      'train',
      names,
      '--limit',
      '320',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--out',
      out,
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    for (const f of [
      'model.seq',
      'model.ir.json',
      'config.json',
      'vocab.json',
      'weights.safetensors',
      'metrics.jsonl',
      'curves.svg',
      'summary.json',
      'checkpoints/step-0000000005/checkpoint.json',
      'checkpoints/step-0000000005/optimizer.safetensors',
      'checkpoints/step-0000000005/weights.safetensors',
      'checkpoints/step-0000000005/metrics.jsonl',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const summary = json<{
      metrics: Record<string, Record<string, number>>;
      epochs: number;
      backend: string;
      params: number;
    }>(join(out, 'summary.json'));
    expect(summary.epochs).toBe(1);
    expect(summary.backend).toBe('cpu');
    for (const split of ['train', 'valid', 'test']) {
      expect(summary.metrics[split]?.['accuracy']).toBeGreaterThan(0);
      expect(summary.metrics[split]?.['loss']).toBeGreaterThan(0);
    }
    // The weights carry PyTorch names and the IR's shapes, and add up to the reported params.
    const w = decodeSafetensors(new Uint8Array(readFileSync(join(out, 'weights.safetensors'))));
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect([...w.tensors.keys()].sort()).toEqual([
      'dense0.bias',
      'dense0.weight',
      'embed0.weight',
      'gru0.bias_hh_l0',
      'gru0.bias_ih_l0',
      'gru0.weight_hh_l0',
      'gru0.weight_ih_l0',
    ]);
    expect(w.tensors.get('gru0.weight_ih_l0')?.shape).toEqual([192, 32]);
    expect([...w.tensors.values()].reduce((s, t) => s + t.data.length, 0)).toBe(summary.params);

    const ev = await seqlab('eval', out, '--backend', 'cpu', '--json');
    expect(ev.code).toBe(0);
    const evj = JSON.parse(ev.stdout) as { metrics: Record<string, number> };
    expect(evj.metrics['accuracy']).toBeCloseTo(summary.metrics['test']?.['accuracy'] ?? -1, 6);

    const p = await seqlab('predict', out, '--input', 'maria', '--backend', 'cpu', '--json');
    expect(p.code).toBe(0);
    const classes =
      (JSON.parse(p.stdout) as { classes: { label: string; p: number }[] }[])[0]?.classes ?? [];
    expect(classes.map((c) => c.label).sort()).toEqual(['female', 'male']);
    expect(classes.reduce((s, c) => s + c.p, 0)).toBeCloseTo(1, 5);

    const missing = await seqlab(
      'predict',
      out,
      '--input',
      'no-such/names.txt',
      '--backend',
      'cpu',
    );
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain('looks like a file path but there is no such file');
  });

  it('resume continues exactly where an uninterrupted run would be', async () => {
    const dir = tmp();
    const straight = join(dir, 'straight');
    const split = join(dir, 'split');
    const common = ['--limit', '256', '--backend', 'cpu'];
    expect((await seqlab('train', names, ...common, '--epochs', '2', '--out', straight)).code).toBe(
      0,
    );
    expect((await seqlab('train', names, ...common, '--epochs', '1', '--out', split)).code).toBe(0);
    expect(
      (await seqlab('train', '--resume', split, '--epochs', '2', '--backend', 'cpu')).code,
    ).toBe(0);
    const a = lines(join(straight, 'metrics.jsonl'));
    const b = lines(join(split, 'metrics.jsonl'));
    expect(b.map((l) => l.epoch)).toEqual([1, 2]);
    expect(b[1]?.train_loss).toBe(a[1]?.train_loss);
  });

  it('stops on a non-finite loss with advice and exit code 1', async () => {
    const dir = tmp();
    const file = join(dir, 'explode.seq');
    writeFileSync(
      file,
      readFileSync(names, 'utf8')
        .replace('optimizer = adam(lr = 3e-3)', 'optimizer = sgd(lr = 1e38)')
        .replace('clip_norm = 1.0', ''),
    );
    const r = await seqlab(
      'train',
      file,
      '--limit',
      '640',
      '--epochs',
      '2',
      '--backend',
      'cpu',
      '--out',
      join(dir, 'run'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the loss became (NaN|Infinity|-Infinity) at step \d+/);
    expect(r.stderr).toMatch(/clip_norm/);
    expect(existsSync(join(dir, 'run', 'summary.json'))).toBe(false);
  });

  it('reports bad data with file and line, and trains nothing', async () => {
    const dir = tmp();
    const data = join(dir, 'bad.jsonl');
    writeFileSync(data, '{"text": "anna", "label": "f"}\n{"text": "bob", "label": \n');
    const r = await seqlab('train', names, '--data', data, '--out', join(dir, 'run'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${data}(2,`);
    expect(existsSync(join(dir, 'run', 'weights.safetensors'))).toBe(false);
  });

  it('a model that does not fit the data says why', async () => {
    const dir = tmp();
    const file = join(dir, 'wide.seq');
    writeFileSync(file, readFileSync(names, 'utf8').replace('dense(2)', 'dense(2) |> last'));
    const r = await seqlab('train', file, '--limit', '64');
    expect(r.code).toBe(1);
  });

  it('--out onto a run refuses, --force replaces it, and default names never collide', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    const args = ['--limit', '64', '--epochs', '1', '--backend', 'cpu', '--out', out];
    expect((await seqlab('train', names, ...args, '--set', 'hidden=8')).code).toBe(0);
    const before = readFileSync(join(out, 'weights.safetensors'));
    const again = await seqlab('train', names, ...args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`seqlab train --resume ${out}`);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(out, 'weights.safetensors')).equals(before)).toBe(true);
    const forced = await seqlab('train', names, ...args, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(lines(join(out, 'metrics.jsonl'))).toHaveLength(1);
    expect(json<{ set: Record<string, unknown> }>(join(out, 'config.json')).set).toEqual({
      vocab: 29,
    });

    const other = join(dir, 'notes');
    mkdirSync(other);
    writeFileSync(join(other, 'todo.txt'), 'mine');
    const refused = await seqlab('train', names, ...args.slice(0, -1), other, '--force');
    expect(refused.code).toBe(2);
    expect(readFileSync(join(other, 'todo.txt'), 'utf8')).toBe('mine');

    const parent = join(dir, 'runs');
    const made = Array.from({ length: 5 }, () => newRunDir('M', undefined, false, parent));
    expect(new Set(made).size).toBe(5);
  });

  it('a loss that turns NaN or infinite gives exit 1 and no accuracy', async () => {
    const dir = tmp();
    const file = join(dir, 'huge-lr.seq');
    writeFileSync(
      file,
      readFileSync(names, 'utf8').replace(
        'optimizer = adam(lr = 3e-3)',
        'optimizer = adam(lr = 1e300)',
      ),
    );
    // One step per epoch: the step's loss is finite, the weights after it are not, so the
    // valid evaluation is what finds it.
    const one = await seqlab(
      'train',
      file,
      '--limit',
      '64',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--out',
      join(dir, 'a'),
    );
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(
      /after epoch 1 the model's outputs are not finite \([\d,]+ of [\d,]+ values on the valid split/,
    );
    expect(one.stdout).not.toMatch(/accuracy|1\.0000/);
    expect(existsSync(join(dir, 'a', 'summary.json'))).toBe(false);
    const two = await seqlab(
      'train',
      file,
      '--limit',
      '256',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--out',
      join(dir, 'b'),
    );
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/the loss became (NaN|Infinity|-Infinity) at step 2/);
  });

  it('a file without a model says so', async () => {
    const dir = tmp();
    const file = join(dir, 'empty.seq');
    writeFileSync(file, '# nothing to train here\n');
    const r = await seqlab('train', file, '--data', 'names');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: error: no model to train`);
  });

  it('counts on the command line have the ceilings of a train block (exit 2, nothing trained)', async () => {
    const dir = tmp();
    for (const [flag, value] of [
      ['--epochs', '1e23'],
      ['--batch', '1000000000'],
      ['--seed', '4294967296'],
    ] as const) {
      const r = await seqlab('train', 'examples/names.seq', flag, value, '--out', join(dir, flag));
      expect(r.code, flag).toBe(2);
      expect(r.stderr).toContain(`${flag} ${value}: at most`);
      expect(existsSync(join(dir, flag))).toBe(false);
    }
  });

  it('one trainer per run: a live lock refuses, a dead one is taken over', async () => {
    const out = tmp();
    writeFileSync(join(out, 'config.json'), '{}');
    // The parent of this test process is alive and is not this process.
    writeFileSync(join(out, '.train.lock'), String(process.ppid));
    expect(() => lockRun(out)).toThrow(`another seqlab train (pid ${process.ppid})`);
    const r = await seqlab('train', names, '--out', out, '--force', '--limit', '64');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is training this run');
    writeFileSync(join(out, '.train.lock'), '999999999');
    const release = lockRun(out);
    expect(readFileSync(join(out, '.train.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(out, '.train.lock'))).toBe(false);
  });
});
