/**
 * The train block's loss decides what a target is, regression runs report mse / mae /
 * rmse / r2, the final table has baselines, empty splits are errors or warnings (never a
 * row of NaN), and `--limit` is a seeded sample.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Example, SequenceDataset } from '@seqlab/data';
import { limitDataset } from '../src/training/limit.js';
import { seqlab } from './run-cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'seqlab-targets-'));
const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

interface Summary {
  loss: string;
  metrics: Record<string, Record<string, number>>;
  empty_splits?: string[];
  baselines: { name: string; split: string; metrics: Record<string, number> }[];
}

/** A series model and its train block on `data` (an absolute path). */
function forecastSeq(dir: string, data: string, loss: string, width = 1): string {
  const file = join(dir, 'm.seq');
  writeFileSync(
    file,
    `model F(hidden = 8) {
  input x: [B, T, ${width}]
  x |> gru(hidden) |> last |> dense(${width}) -> next
  output next
}
train F on "${data}" {
  loss = ${loss}
  optimizer = adam(lr = 1e-2)
  batch = 4
  epochs = 2
}
`,
  );
  return file;
}

/** 30 records whose targets are whole numbers written as Python writes floats (12.0). */
function wholeJsonl(dir: string, extra = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const x = [i % 7, (i * 3) % 5, (i * 2) % 9].map((v) => `${v}.0`);
    const split = i < 20 ? 'train' : i < 25 ? 'valid' : 'test';
    lines.push(`{"x": [${x.join(', ')}], "y": ${(i * 5) % 11}.0, "split": "${split}"}`);
  }
  const file = join(dir, 'whole.jsonl');
  writeFileSync(file, lines.join('\n') + '\n' + extra);
  return file;
}

const train = (seq: string, out: string, ...more: string[]) =>
  seqlab('train', seq, '--backend', 'cpu', '--out', out, ...more);

describe('loss = mse reads targets as values', () => {
  it('JSONL whole-number targets train as regression with mse, mae, rmse, r2 and baselines', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    const r = await train(forecastSeq(dir, wholeJsonl(dir), 'mse'), out);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const s = json<Summary>(join(out, 'summary.json'));
    expect(s.loss).toBe('mse');
    for (const split of ['train', 'valid', 'test']) {
      expect(Object.keys(s.metrics[split] ?? {})).toEqual(
        expect.arrayContaining(['loss', 'mse', 'mae', 'rmse', 'r2']),
      );
    }
    expect(s.metrics['test']?.['mse']).toBeCloseTo(s.metrics['test']?.['loss'] ?? NaN, 9);
    // The last-value baseline: x width 1 = y width 1. The mean baseline on test by hand.
    expect(s.baselines.map((b) => b.name)).toEqual([
      'predict the train mean',
      'predict the last value',
    ]);
    const ys = (i: number) => (i * 5) % 11;
    const mean = [...Array(20).keys()].reduce((a, i) => a + ys(i), 0) / 20;
    const test = [25, 26, 27, 28, 29];
    const mse = test.reduce((a, i) => a + (ys(i) - mean) ** 2, 0) / 5;
    expect(s.baselines[0]?.metrics['mse']).toBeCloseTo(mse, 9);
    const last = test.reduce((a, i) => a + (ys(i) - ((i * 2) % 9)) ** 2, 0) / 5;
    expect(s.baselines[1]?.metrics['mse']).toBeCloseTo(last, 9);
    // The table names the loss and shows the baselines; the epoch line too.
    expect(r.stdout).toMatch(/split\s+mse\s+mae\s+rmse\s+r2/);
    expect(r.stdout).toMatch(/test: predict the train mean/);
    expect(r.stdout).not.toMatch(/NaN/);
    expect(r.stderr).toMatch(/train mse [\d.]+ \| valid mse [\d.]+, mae/);
    const history = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
    const valid = (JSON.parse(history[0] ?? '{}') as { valid: Record<string, number> }).valid;
    expect(Object.keys(valid)).toEqual(expect.arrayContaining(['mse', 'mae', 'rmse', 'r2']));
  }, 60_000);

  it('targets written as bare integers (12) train with mse; predict points to eval', async () => {
    const dir = tmp();
    const lines = Array.from({ length: 24 }, (_, i) => {
      const split = i < 16 ? 'train' : i < 20 ? 'valid' : 'test';
      return JSON.stringify({ x: [i % 5, (i * 3) % 7, i % 4], y: 10 + (i % 6), split });
    });
    expect(lines[2]).toContain('"y":12,');
    const data = join(dir, 'ints.jsonl');
    writeFileSync(data, lines.join('\n') + '\n');
    const out = join(dir, 'run');
    const r = await train(forecastSeq(dir, data, 'mse'), out);
    expect(r.code, r.stderr).toBe(0);
    const s = json<Summary & { task?: string }>(join(out, 'summary.json'));
    expect(s.loss).toBe('mse');
    expect(s.metrics['test']?.['mse']).toBeGreaterThan(0);
    expect(s.metrics['test']?.['mae']).toBeGreaterThan(0);
    // A regression run has no vocabulary to read text with: predict says what to run.
    const p = await seqlab('predict', out, '--input', '1 2 3', '--backend', 'cpu');
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('this run is a regression model (loss = mse)');
    expect(p.stderr).toContain(`seqlab eval ${out} --data FILE`);
    expect(p.stderr).not.toContain('no vocabulary');
    const ev = await seqlab('eval', out, '--data', data, '--json', '--backend', 'cpu');
    expect(ev.code, ev.stderr).toBe(0);
    const scored = JSON.parse(ev.stdout) as { examples: number; metrics: Record<string, number> };
    expect(scored.examples).toBe(24);
    expect(scored.metrics['mae']).toBeGreaterThan(0);
  }, 60_000);

  it('CSV targets train as values, and seqlab eval reports the regression metrics', async () => {
    const dir = tmp();
    const rows = ['y,a,b,c,split'];
    for (let i = 0; i < 24; i++) {
      const split = i < 16 ? 'train' : i < 20 ? 'valid' : 'test';
      rows.push(`${(i % 4) + 0.5},${i % 3},${i % 5},${i % 2},${split}`);
    }
    const data = join(dir, 'v.csv');
    writeFileSync(data, rows.join('\n') + '\n');
    const out = join(dir, 'run');
    const r = await train(forecastSeq(dir, data, 'mse'), out);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const s = json<Summary>(join(out, 'summary.json'));
    expect(s.metrics['test']?.['mae']).toBeGreaterThan(0);
    const ev = await seqlab('eval', out, '--backend', 'cpu', '--json');
    expect(ev.code).toBe(0);
    const m = (JSON.parse(ev.stdout) as { metrics: Record<string, number> }).metrics;
    expect(m['mae']).toBeCloseTo(s.metrics['test']?.['mae'] ?? NaN, 5);
    expect(m['r2']).toBeCloseTo(s.metrics['test']?.['r2'] ?? NaN, 5);
  }, 60_000);

  it('per-step JSONL targets train a [B, T, 1] output over sequences of different lengths', async () => {
    const dir = tmp();
    const lines: string[] = [];
    const tests: number[][] = [];
    for (let i = 0; i < 30; i++) {
      const x = [...Array(3 + (i % 4)).keys()].map((t) => (i + t) % 5);
      const y = x.map((v, t) => [v + (t > 0 ? (x[t - 1] ?? 0) : 0)]);
      const split = i < 20 ? 'train' : i < 25 ? 'valid' : 'test';
      if (split === 'test') tests.push(x);
      lines.push(JSON.stringify({ x, y, split }));
    }
    const data = join(dir, 'steps.jsonl');
    writeFileSync(data, lines.join('\n') + '\n');
    const seq = join(dir, 's.seq');
    writeFileSync(
      seq,
      `model S(hidden = 8) {
  input x: [B, T, 1]
  x |> gru(hidden) |> dense(1) -> y
  output y
}
train S on "${data}" {
  loss = mse
  batch = 4
  epochs = 1
}
`,
    );
    const out = join(dir, 'run');
    const r = await train(seq, out);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const s = json<Summary>(join(out, 'summary.json'));
    expect(s.metrics['test']?.['r2']).toBeDefined();
    // Predicting x_t for y_t = x_t + x_(t-1) errs by x_(t-1) (0 at the first step).
    const errs = tests.flatMap((x) => x.map((_, t) => (t > 0 ? (x[t - 1] ?? 0) : 0)));
    const last = s.baselines.find((b) => b.name === 'predict the last value');
    expect(last?.metrics['mse']).toBeCloseTo(errs.reduce((a, e) => a + e * e, 0) / errs.length, 9);
  }, 60_000);

  it('a target of the wrong kind names file:line and the value; nothing trains', async () => {
    const dir = tmp();
    const data = wholeJsonl(dir, '{"x": [1.0], "y": "cat"}\n');
    const r = await train(forecastSeq(dir, data, 'mse'), join(dir, 'run'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('whole.jsonl(31,1)');
    expect(r.stderr).toMatch(/line 31: y is "cat" but loss = mse needs numbers/);
  }, 60_000);

  it('loss = cross_entropy reads CSV targets as labels (0.5 is a label there)', async () => {
    const dir = tmp();
    const rows = ['y,a,b'];
    for (let i = 0; i < 12; i++) rows.push(`${(i % 3) + 0.5},${i % 3},${i % 5}`);
    const data = join(dir, 'v.csv');
    writeFileSync(data, rows.join('\n') + '\n');
    const r = await train(forecastSeq(dir, data, 'cross_entropy'), join(dir, 'run'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scores 1 classes but v.y has 3/);
  }, 60_000);

  it('the declared loss changes training: mse and cross_entropy give different losses on labels', async () => {
    const dir = tmp();
    const data = join(dir, 'c.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 24; i++) lines.push(`{"x": [${i % 3}, ${i % 4}], "y": ${i % 2}}`);
    writeFileSync(data, lines.join('\n') + '\n');
    // With mse, "y": 0 / 1 are values: a regression run whose table names mse.
    const mse = await train(forecastSeq(dir, data, 'mse'), join(dir, 'mse'));
    expect(mse.code).toBe(0);
    expect(json<Summary>(join(dir, 'mse', 'summary.json')).loss).toBe('mse');
    // With cross_entropy they are two classes, and dense(1) cannot score them.
    const ce = await train(forecastSeq(dir, data, 'cross_entropy'), join(dir, 'ce'));
    expect(ce.code).toBe(1);
    expect(ce.stderr).toMatch(/scores 1 classes but .* has 2/);
  }, 60_000);
});

describe('classification baselines and empty splits', () => {
  function labelled(dir: string, splits: string[]): string {
    const rows = ['label,text,split'];
    splits.forEach((split, i) => {
      const label = i % 3 === 0 ? 'pos' : 'neg';
      rows.push(`${label},${label === 'pos' ? 'good fine' : 'bad awful'} w${i},${split}`);
    });
    const file = join(dir, 'c.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    return file;
  }
  function classifierSeq(dir: string, data: string): string {
    const file = join(dir, 'c.seq');
    writeFileSync(
      file,
      `model C(vocab = 100) {
  input w: [B, T] int < vocab
  w |> embed(8) |> gru(8) |> last |> dense(2) -> logits
  output logits
}
train C on "${data}" {
  loss = cross_entropy
  batch = 4
  epochs = 1
  metrics = [accuracy]
}
`,
    );
    return file;
  }

  it('the majority class of train, scored on test, is a row of the table and summary.json', async () => {
    const dir = tmp();
    const splits = [...Array(12).fill('train'), 'valid', 'valid', 'test', 'test', 'test'];
    const out = join(dir, 'run');
    const r = await train(classifierSeq(dir, labelled(dir, splits)), out);
    expect(r.code).toBe(0);
    const s = json<Summary>(join(out, 'summary.json'));
    expect(s.loss).toBe('cross_entropy');
    // Rows 0, 3, ... are pos: train has 4 pos and 8 neg; test rows 14, 15, 16: neg, pos, neg.
    expect(s.baselines).toHaveLength(1);
    expect(s.baselines[0]?.name).toBe('always "neg" (the train majority)');
    expect(s.baselines[0]?.metrics['accuracy']).toBeCloseTo(2 / 3, 9);
    expect(r.stdout).toMatch(/split\s+cross_entropy\s+accuracy/);
    expect(r.stdout).toMatch(/test: always "neg"/);
  }, 60_000);

  it('an empty test split is a warning and no NaN row; no train examples is an error', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    const splits = [...Array(10).fill('train'), 'valid', 'valid'];
    const r = await train(classifierSeq(dir, labelled(dir, splits)), out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: the test split of c is empty: test metrics and the baselines are skipped/,
    );
    expect(r.stdout).not.toMatch(/NaN/);
    expect(r.stdout).not.toMatch(/^test/m);
    const s = json<Summary>(join(out, 'summary.json'));
    expect(s.empty_splits).toEqual(['test']);
    expect(s.metrics['test']).toBeUndefined();

    const noValid = await train(
      classifierSeq(dir, labelled(dir, [...Array(10).fill('train'), 'test'])),
      join(dir, 'nv'),
    );
    expect(noValid.code).toBe(0);
    expect(noValid.stderr).toMatch(/the valid split of c is empty/);
    expect(noValid.stderr).toMatch(/no valid split/);
    expect(noValid.stderr + noValid.stdout).not.toMatch(/NaN/);

    const none = await train(classifierSeq(dir, labelled(dir, ['valid', 'test'])), join(dir, 'x'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/error: c has no train examples \(1 valid, 1 test\)/);
  }, 60_000);
});

describe('--limit', () => {
  const ex = (i: number, label: number): Example => ({ x: [[i]], y: label });
  /** A file sorted by class: the first half all class 0. */
  const sorted: SequenceDataset = {
    name: 'sorted',
    description: '',
    task: 'classify',
    fields: [],
    inputs: ['x'],
    targets: ['y'],
    splits: {
      train: [...Array(100).keys()].map((i) => ex(i, i < 50 ? 0 : 1)),
      valid: [...Array(20).keys()].map((i) => ex(1000 + i, 0)),
      test: [...Array(10).keys()].map((i) => ex(2000 + i, 1)),
    },
  };

  it('samples train at random (both classes), keeps file order, and cuts valid and test in proportion', () => {
    const d = limitDataset(sorted, 20, 0);
    expect(d.splits.train).toHaveLength(20);
    const labels = new Set(d.splits.train.map((e) => e.y));
    expect(labels).toEqual(new Set([0, 1]));
    const xs = d.splits.train.map((e) => (e.x as number[][])[0]?.[0] ?? -1);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(d.splits.valid).toHaveLength(4);
    expect(d.splits.test).toHaveLength(2);
  });

  it('the same seed gives the same sample, another seed another', () => {
    const key = (d: SequenceDataset) => JSON.stringify(d.splits);
    expect(key(limitDataset(sorted, 20, 7))).toBe(key(limitDataset(sorted, 20, 7)));
    expect(key(limitDataset(sorted, 20, 7))).not.toBe(key(limitDataset(sorted, 20, 8)));
    expect(limitDataset(sorted, 500, 0)).toBe(sorted);
  });

  it('a small split keeps at least one example', () => {
    const d = limitDataset(sorted, 1, 0);
    expect(d.splits.valid).toHaveLength(1);
    expect(d.splits.test).toHaveLength(1);
  });
});
