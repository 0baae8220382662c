/**
 * A train block that names its reader and options: `on csv("../data/x.csv", unit = "words")`
 * with the path relative to the `.seq` file, `--data-opt` overrides, the options recorded in
 * config.json, and `seqlab data --data-opt` / `--help` from the compiler's option table.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_DATASET_OPTIONS, DATA_FORMAT_OPTIONS, formatOfPath } from '@seqlab/compiler';
import { BUILTIN_DATASETS, formatFromPath } from '@seqlab/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { toReadOptions } from '../src/training/read-options.js';
import { seqlab } from './run-cli.js';

const CSV = [
  'label,text,split',
  'pos,Good Fun Film,train',
  'neg,Bad Dull Film,train',
  'pos,good fun,train',
  'neg,bad dull,train',
  'pos,fun Good,valid',
  'neg,dull Bad,test',
  '',
].join('\n');

const seqText = (clause: string): string => `model Spam(vocab = 50) {
  input words: [B, T] int < vocab
  words |> embed(4) |> gru(4) |> last |> dense(2) -> logits
  output logits
}

train Spam on ${clause} {
  batch = 2
  epochs = 1
}
`;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-data-clause-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'data', 'spam.csv'), CSV);
});

interface Config {
  data: { ref: { kind: string; path: string; format?: string; options?: Record<string, unknown> } };
}
const configOf = (out: string): Config =>
  JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as Config;

describe('a train block naming its reader', () => {
  it('trains from csv(...) with unit = words and a path relative to the .seq file', async () => {
    const seq = join(dir, 'models', 'spam.seq');
    writeFileSync(
      seq,
      seqText('csv("../data/spam.csv", unit = "words", lowercase = true, max_len = 2)'),
    );
    const out = join(dir, 'run-1');
    const run = await seqlab('train', seq, '--backend', 'cpu', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    // The first 2 lower-cased words of each train row: good fun bad dull, + <pad>, <unk>.
    expect(run.stderr).toContain('vocab = 6');
    const ref = configOf(out).data.ref;
    expect(ref).toEqual({
      kind: 'path',
      path: join(dir, 'models', '..', 'data', 'spam.csv'),
      format: 'csv',
      options: { unit: 'words', lowercase: true, max_len: 2 },
    });
    const vocab = readFileSync(join(out, 'vocab.json'), 'utf8');
    expect(vocab).toContain('"good"');
    expect(vocab).not.toContain('"Good"');

    // --data-opt overrides one option and is recorded; --resume reads the same options.
    const out2 = join(dir, 'run-2');
    const over = await seqlab(
      'train',
      seq,
      '--backend',
      'cpu',
      '--out',
      out2,
      '--data-opt',
      'lowercase=false',
    );
    expect(over.code, over.stderr).toBe(0);
    expect(configOf(out2).data.ref.options).toEqual({
      unit: 'words',
      lowercase: false,
      max_len: 2,
    });
    expect(over.stderr).toContain('vocab = 10'); // Good Fun Bad Dull good fun bad dull
    const resumed = await seqlab('train', '--resume', out2, '--epochs', '2');
    expect(resumed.code, resumed.stderr).toBe(0);
    // eval --data reads a file as the run read its own: lower-cased words, cut to 2.
    const evaluated = await seqlab('eval', out, '--data', join(dir, 'data', 'spam.csv'));
    expect(evaluated.code, evaluated.stderr).toBe(0);
  }, 120_000);

  it('reads npy(X, y = ...) with both paths relative to the .seq file', async () => {
    cpSync(join(root, 'examples', 'data', 'arrays'), join(dir, 'arr'), { recursive: true });
    renameSync(join(dir, 'arr', 'y.npy'), join(dir, 'arr', 'labels.npy'));
    const seq = join(dir, 'models', 'waves.seq');
    writeFileSync(
      seq,
      `model Waves(hidden = 4) {
  input x: [B, T, 1]
  x |> gru(hidden) |> last |> dense(2) -> logits
  output logits
}

train Waves on npy("../arr/X.npy", y = "../arr/labels.npy") {
  batch = 8
  epochs = 1
}
`,
    );
    const out = join(dir, 'run-npy');
    const run = await seqlab('train', seq, '--backend', 'cpu', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(configOf(out).data.ref.options).toEqual({
      y: join(dir, 'models', '..', 'arr', 'labels.npy'),
    });
  }, 120_000);

  it('refuses a bad --data-opt with a usage error naming the option', async () => {
    const seq = join(dir, 'models', 'spam.seq');
    const bad = await seqlab('train', seq, '--backend', 'cpu', '--data-opt', 'window=5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--data-opt window: csv has no option "window" (only text)');
    const type = await seqlab('train', seq, '--backend', 'cpu', '--data-opt', 'unit=letters');
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('--data-opt unit: csv: unit must be "chars" or "words"');
  });

  it('seqlab data takes --data-opt and lists every option in --help', async () => {
    const file = join(dir, 'data', 'spam.csv');
    const words = await seqlab('data', file, '--data-opt', 'unit=chars', '--json');
    expect(words.code, words.stderr).toBe(0);
    type Described = { fields: { lengths?: { max: number } }[] };
    const d = JSON.parse(words.stdout) as Described;
    const plain = JSON.parse((await seqlab('data', file, '--json')).stdout) as Described;
    // "Good Fun Film" is 3 words or 13 characters.
    expect(plain.fields[0]?.lengths?.max).toBe(3);
    expect(d.fields[0]?.lengths?.max).toBe(13);
    const help = await seqlab('data', '--help');
    for (const opts of Object.values(DATA_FORMAT_OPTIONS))
      for (const name of Object.keys(opts)) expect(help.stdout).toContain(`    ${name} (`);
  });
});

describe('built-in sets take their options the same way', () => {
  it('seqlab data adding --data-opt length=7 makes sequences of 7 steps', async () => {
    const run = await seqlab('data', 'adding', '--data-opt', 'length=7', '--json');
    expect(run.code, run.stderr).toBe(0);
    const d = JSON.parse(run.stdout) as { fields: { lengths?: { max: number } }[] };
    expect(d.fields[0]?.lengths?.max).toBe(7);
    const bad = await seqlab('data', 'adding', '--data-opt', 'lenght=7');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--data-opt lenght: adding has no option "lenght"');
  });

  it('a train block calls a built-in with options', async () => {
    const seq = join(dir, 'adding.seq');
    writeFileSync(
      seq,
      `model A(hidden = 4) {
  input x: [B, T, 2]
  x |> gru(hidden) |> last |> dense(1) -> y
  output y
}

train A on adding(length = 5, train = 8, valid = 4, test = 4) {
  loss = mse
  batch = 4
  epochs = 1
}
`,
    );
    const out = join(dir, 'run-adding');
    const run = await seqlab('train', seq, '--backend', 'cpu', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('8 train / 4 valid / 4 test');
    expect(configOf(out).data.ref).toEqual({
      kind: 'builtin',
      name: 'adding',
      options: { length: 5, train: 8, valid: 4, test: 4 },
    });
  }, 120_000);
});

describe("the compiler's option table matches the readers", () => {
  it('every file option maps onto a ReadOptions field', () => {
    const sample: Record<string, string | number | boolean> = {
      unit: 'words',
      lowercase: true,
      min_count: 2,
      max_vocab: 9,
      max_len: 3,
      truncate: 'end',
      window: 7,
      valid: 0.2,
      test: 0.3,
      seed: 4,
      name: 'n',
      layout: 'long',
      header: true,
      label: 'y',
      text: 'body',
      id: 'sid',
      delimiter: ';',
    };
    const all = new Set(Object.values(DATA_FORMAT_OPTIONS).flatMap((o) => Object.keys(o)));
    // `y` reads a file; every other option must be in the sample and reach ReadOptions.
    expect([...all].filter((k) => k !== 'y' && !(k in sample))).toEqual([]);
    expect(toReadOptions(sample)).toEqual({
      unit: 'words',
      lowercase: true,
      minCount: 2,
      maxVocab: 9,
      maxLen: 3,
      truncate: 'end',
      window: 7,
      seed: 4,
      name: 'n',
      split: { valid: 0.2, test: 0.3 },
      csv: { layout: 'long', header: true, label: 'y', text: 'body', id: 'sid', delimiter: ';' },
    });
  });

  it('names the options each built-in data set takes', () => {
    const fromData = Object.fromEntries(
      BUILTIN_DATASETS.map((b) => [
        b.name,
        Object.keys(b.options).map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
      ]),
    );
    expect(fromData).toEqual(BUILTIN_DATASET_OPTIONS);
  });
});

// The compiler may not import @seqlab/data (the layering rule), so it keeps its own copy of
// the extension table: the two must agree, or a train block and the reader disagree.
describe('format from the file extension', () => {
  it.each([
    'a.csv',
    'a.TSV',
    'a.jsonl',
    'a.ndjson',
    'a.txt',
    'a.text',
    'a.npy',
    'a.json',
    'a',
    'dir.d/x',
  ])('%s: the compiler and the readers agree', (path) => {
    expect(formatOfPath(path)).toBe(formatFromPath(path));
  });
});
