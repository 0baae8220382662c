/**
 * Free-running (greedy) evaluation of an encoder-decoder: the batched decoder pads sources
 * and must give, example by example, what `seqlab predict` gives one at a time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeGreedyBatch } from '../src/training/decode-eval.js';
import { decodeGreedy } from '../src/training/inference.js';
import { loadData } from '../src/training/load-data.js';
import { loadRun, vocabOf } from '../src/training/load-run.js';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('greedy decoding evaluation', () => {
  it('decodes a batch exactly as one-at-a-time decoding does, and eval reports it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'seqlab-decode-')), 'run');
    const small = ['--set', 'hidden=16', '--set', 'embedding=8'];
    const trained = await seqlab(
      'train',
      join(root, 'examples', 'g2p.seq'),
      '--limit',
      '512',
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--out',
      out,
      ...small,
    );
    expect(trained.code).toBe(0);

    const run = await loadRun(out, 'cpu');
    const loaded = loadData({ kind: 'builtin', name: 'cmudict' });
    if ('diagnostics' in loaded) throw new Error('cmudict did not load');
    // Sources of different lengths in one batch: padding must not change any answer.
    const batch = loaded.dataset.splits.test.slice(0, 12);
    const letters = vocabOf(run, 'letters');
    const phonemes = vocabOf(run, 'phonemes');
    const batched = decodeGreedyBatch(run, batch, 25);
    const lengths = new Set(batch.map((e) => (e['letters'] as number[]).length));
    expect(lengths.size).toBeGreaterThan(1);
    batch.forEach((e, i) => {
      const word = letters.decode(e['letters'] as number[]).join('');
      expect(batched[i]?.map((id) => phonemes.tokenOf(id))).toEqual(decodeGreedy(run, word, 25));
    });
    run.model.dispose();

    const ev = await seqlab(
      'eval',
      out,
      '--decode',
      'greedy',
      '--limit',
      '20',
      '--backend',
      'cpu',
      '--json',
    );
    expect(ev.code).toBe(0);
    const report = JSON.parse(ev.stdout) as {
      metrics: Record<string, number>;
      decoded: { examples: number; word_accuracy: number; phoneme_error_rate: number };
    };
    // train --limit 512 cuts the test split in proportion (28 of cmudict's); 20 of them.
    expect(report.decoded.examples).toBe(20);
    expect(report.decoded.word_accuracy).toBeGreaterThanOrEqual(0);
    expect(report.decoded.word_accuracy).toBeLessThanOrEqual(1);
    expect(report.decoded.phoneme_error_rate).toBeGreaterThan(0); // a 1-epoch toy model errs
    const bad = await seqlab('eval', out, '--decode', 'beam');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/only greedy/);
  }, 120_000);
});
