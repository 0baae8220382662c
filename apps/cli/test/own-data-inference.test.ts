/**
 * Issue 15 §3: new data is read exactly as the training data was. A word-level CSV run
 * (`csv(..., unit = "words", lowercase = true, max_len = 6)`, its path relative to the `.seq`
 * file) predicts and evaluates new text split into the same lower-cased, cut words, mapped
 * through the run's vocabularies: unknown words are <unk> and counted, an unseen label is
 * exit 2 naming its line, an empty file is an error, never a table of NaN. `inspect` counts
 * the parameters that train, and the final scoring pass gives the session's numbers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindDataset, TrainingSession } from '@seqlab/tfjs';
import { loadRunData } from '../src/training/load-data.js';
import { loadRun } from '../src/training/load-run.js';
import { scoreWithProgress } from '../src/training/score-pass.js';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const SEQ = `model Reviews(vocab = 100, hidden = 8) {
  input words: [B, T] int < vocab
  words |> embed(8) |> gru(hidden) |> last |> dense(2) -> logits
  output logits
}

train Reviews on csv("../data/reviews.csv", unit = "words", lowercase = true, max_len = 6) {
  loss = cross_entropy
  batch = 4
  epochs = 1
  metrics = [accuracy]
}
`;

let dir = '';
let run = '';
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

interface Predicted {
  classes: { label: string; p: number }[];
  tokens: string[];
  unknown: string[];
}
interface Evaluated {
  split: string;
  examples: number;
  tokens: number;
  unknown_tokens: number;
  metrics: Record<string, number>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-own-data-'));
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'models'));
  copyFileSync(join(root, 'examples', 'data', 'reviews.csv'), join(dir, 'data', 'reviews.csv'));
  writeFileSync(join(dir, 'models', 'reviews.seq'), SEQ);
  run = join(dir, 'run');
  const seq = join(dir, 'models', 'reviews.seq');
  const trained = await seqlab('train', seq, '--epochs', '1', '--backend', 'cpu', '--out', run);
  if (trained.code !== 0) throw new Error(`train failed: ${trained.stderr}`);
}, 120_000);

describe('a word-level CSV run reads new text as it read its training data', () => {
  it('records the reader options of the train block', () => {
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')) as {
      data: { ref: { path: string; options: Record<string, unknown> }; unit: string };
    };
    expect(config.data.ref.path).toBe(join(dir, 'models', '..', 'data', 'reviews.csv'));
    expect(config.data.ref.options).toEqual({ unit: 'words', lowercase: true, max_len: 6 });
    // The unit the reader used, not the one a built-in of this task would have.
    expect(config.data.unit).toBe('words');
  });

  it('records the file absolute, so seqlab eval RUN works from another directory', async () => {
    const cwd = process.cwd();
    const relativeRun = join(dir, 'relative-run');
    try {
      // The .seq given relative to the current directory, its data relative to the .seq.
      process.chdir(dir);
      const t = await seqlab(
        'train',
        join('models', 'reviews.seq'),
        '--backend',
        'cpu',
        '--out',
        'relative-run',
      );
      expect(t.code, t.stderr).toBe(0);
      const config = JSON.parse(readFileSync(join(relativeRun, 'config.json'), 'utf8')) as {
        data: { ref: { path: string } };
      };
      expect(config.data.ref.path).toBe(join(dir, 'data', 'reviews.csv'));
      process.chdir(join(dir, 'models'));
      const e = await seqlab('eval', relativeRun, '--backend', 'cpu', '--json');
      expect(e.code, e.stderr).toBe(0);
      expect((JSON.parse(e.stdout) as Evaluated).split).toBe('test');
    } finally {
      process.chdir(cwd);
    }
  });

  it('predict splits words, lower-cases, cuts to max_len, and reports unknown words', async () => {
    const input = 'A WARM Viagra film and far too long';
    const p = await seqlab('predict', run, '--input', input, '--json', '--backend', 'cpu');
    expect(p.code, p.stderr).toBe(0);
    const [r] = JSON.parse(p.stdout) as Predicted[];
    // Six lower-cased words (max_len = 6), not 35 characters.
    expect(r?.tokens).toEqual(['a', 'warm', 'viagra', 'film', 'and', 'far']);
    expect(r?.unknown).toEqual(['viagra']);
    expect(r?.classes.map((c) => c.label).sort()).toEqual(['neg', 'pos']);
    expect(p.stderr).toMatch(/warning: 1 of 6 input tokens .*<unk>: "viagra"/);
  });

  it('the loss eval --data gives a one-row file is -log p(label) from predict --json', async () => {
    const text = 'The Cast is WONDERFUL and warm and kind';
    const one = file('one.csv', `label,text\npos,${text}\n`);
    const p = await seqlab('predict', run, '--input', text, '--json', '--backend', 'cpu');
    expect(p.code, p.stderr).toBe(0);
    const pos = (JSON.parse(p.stdout) as Predicted[])[0]?.classes.find((c) => c.label === 'pos');
    const e = await seqlab('eval', run, '--data', one, '--json', '--backend', 'cpu');
    expect(e.code, e.stderr).toBe(0);
    const scores = JSON.parse(e.stdout) as Evaluated;
    expect(scores.split).toBe('all');
    expect(scores.examples).toBe(1);
    expect(scores.tokens).toBe(6);
    expect(pos).toBeDefined();
    expect(Math.abs((scores.metrics['loss'] ?? NaN) + Math.log(pos?.p ?? NaN))).toBeLessThan(1e-4);
  });

  it('eval --data takes a file using a subset of the vocabulary, counting unknown words', async () => {
    const subset = file(
      'subset.csv',
      'label,text\npos,warm and funny\nneg,dull and tedious\npos,a gorgeous film\n',
    );
    const e = await seqlab('eval', run, '--data', subset, '--json', '--backend', 'cpu');
    expect(e.code, e.stderr).toBe(0);
    const scores = JSON.parse(e.stdout) as Evaluated;
    expect(scores.examples).toBe(3);
    expect([scores.tokens, scores.unknown_tokens]).toEqual([9, 2]); // tedious, gorgeous
    expect(e.stderr).toContain(`2 of 9 tokens (22.2%) of ${subset}`);
    const table = await seqlab('eval', run, '--data', subset, '--backend', 'cpu');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/cross_entropy +\d\.\d{4}/);
    expect(table.stdout).not.toContain('NaN');
  });

  it('a label the run never saw is exit 2 naming the file, the line and the label', async () => {
    const bad = file('bad.csv', 'label,text\npos,warm film\nmeh,a film\n');
    const e = await seqlab('eval', run, '--data', bad, '--backend', 'cpu');
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('bad.csv(3,');
    expect(e.stderr).toContain('line 3: unknown label "meh"');
    expect(e.stdout).toBe('');
  });

  it('an empty file, or one with a header and no rows, is a clear error', async () => {
    for (const [name, text, says] of [
      ['empty.csv', '', 'the file is empty'],
      ['header.csv', 'label,text\n', 'the file holds a header but no rows'],
    ] as const) {
      const e = await seqlab('eval', run, '--data', file(name, text), '--backend', 'cpu');
      expect(e.code, name).not.toBe(0);
      expect(e.stderr).toContain(`${name}(1,1): error`);
      expect(e.stderr).toContain(says);
      expect(e.stdout).not.toContain('NaN');
    }
  });

  it('eval --data FILE --split names one split of the file; an empty one is an error', async () => {
    const split = file('split.csv', 'label,text,split\npos,warm film,test\nneg,dull film,test\n');
    const test = await seqlab(
      'eval',
      run,
      '--data',
      split,
      '--split',
      'test',
      '--json',
      '--backend',
      'cpu',
    );
    expect(test.code, test.stderr).toBe(0);
    expect((JSON.parse(test.stdout) as Evaluated).examples).toBe(2);
    const valid = await seqlab(
      'eval',
      run,
      '--data',
      split,
      '--split',
      'valid',
      '--backend',
      'cpu',
    );
    expect(valid.code).toBe(2);
    expect(valid.stderr).toContain('the valid split is empty');
    expect(valid.stdout).not.toContain('NaN');
  });

  it('inspect FILE --data and inspect RUN count the parameters that trained', async () => {
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as {
      params: number;
    };
    const seq = join(dir, 'models', 'reviews.seq');
    const params = async (...args: string[]): Promise<number> => {
      const r = await seqlab('inspect', ...args, '--json');
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { total_params: number }).total_params;
    };
    // As written, `vocab = 100` sizes the embedding; the data has far fewer words.
    expect(await params(seq)).toBeGreaterThan(summary.params);
    expect(await params(seq, '--data')).toBe(summary.params);
    expect(await params(seq, '--data', join(dir, 'data', 'reviews.csv'))).toBe(summary.params);
    expect(await params(run)).toBe(summary.params);
    const noted = await seqlab('inspect', seq, '--data');
    expect(noted.stderr).toMatch(/data: vocab = \d+ \(distinct tokens of reviews\.tokens\)/);
  });

  it('the final scoring pass (with its progress bar) gives TrainingSession.score exactly', async () => {
    const loaded = await loadRun(run, 'cpu');
    loaded.model.dispose();
    const data = loadRunData(loaded.config, undefined);
    if (!('dataset' in data)) throw new Error('no data');
    const bound = bindDataset(loaded.module, data.dataset, 'cross_entropy');
    if (!bound.ok) throw new Error(bound.problems.join('; '));
    const session = new TrainingSession({
      module: loaded.module,
      dataset: data.dataset,
      binding: bound.binding,
      tf: loaded.tf,
      seed: 1,
      batchSize: 3,
      train: { optimizer: { kind: 'sgd', lr: 0 } },
      metrics: ['accuracy'],
    });
    try {
      for (const most of [Infinity, 4, 1]) {
        const want = session.score('train', ['accuracy'], most);
        expect(scoreWithProgress(session, bound.binding, 'train', ['accuracy'], most)).toEqual(
          want,
        );
      }
    } finally {
      session.dispose();
    }
    // Without a terminal the pass prints nothing (as training's bar gives way to lines).
    const e = await seqlab('eval', run, '--backend', 'cpu');
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).not.toContain('scoring');
  });
});
