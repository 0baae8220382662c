import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { exampleNamed } from '../../src/compile/examples.js';
import {
  DEFAULT_TRAINING,
  headlineMetric,
  resolveTraining,
} from '../../src/train/session-options.js';

const spec = (text: string) => {
  const t = compileSource(text).result.train;
  if (!t) throw new Error('expected a train block');
  return t;
};
const names = spec(exampleNamed('names.seq')?.text ?? '');

const withTrain = (settings: string): string =>
  `model M {\n  input x: [B, T, 1]\n  x |> rnn(4) |> last |> dense(1) -> y\n  output y\n}\ntrain M on sine {\n${settings}\n}\n`;

describe('train block to session options', () => {
  it('maps the names train block', () => {
    const r = resolveTraining(names, {}, 100);
    expect(r).toMatchObject({
      seed: 1,
      batchSize: 64,
      epochs: 10,
      clipNorm: 1,
      metrics: ['accuracy'],
    });
    expect(r.optimizer).toMatchObject({ kind: 'adam', lr: 3e-3, beta1: 0.9, beta2: 0.999 });
    expect(r.schedule).toBeUndefined();
  });

  it('applies the panel overrides on top', () => {
    const r = resolveTraining(names, { lr: 0.01, batch: 16, epochs: 2, clipNorm: 5 }, 100);
    expect(r).toMatchObject({ batchSize: 16, epochs: 2, clipNorm: 5 });
    expect(r.optimizer.lr).toBe(0.01);
    expect(r.optimizer.kind).toBe('adam');
  });

  it('gives a cosine schedule its length in steps', () => {
    const s = spec(withTrain('  schedule = cosine(warmup = 10)\n  epochs = 3'));
    expect(resolveTraining(s, {}, 50).schedule).toEqual({ kind: 'cosine', warmup: 10, total: 150 });
    expect(resolveTraining(s, { epochs: 4 }, 50).schedule).toEqual({
      kind: 'cosine',
      warmup: 10,
      total: 200,
    });
  });

  it('keeps step schedules, clipping and truncated BPTT', () => {
    const s = spec(
      withTrain(
        '  schedule = step(every = 5, gamma = 0.1)\n  clip_value = 2\n  tbptt = 7\n  optimizer = sgd(0.1, momentum = 0.9)',
      ),
    );
    const r = resolveTraining(s, {}, 10);
    expect(r.schedule).toEqual({ kind: 'step', every: 5, gamma: 0.1 });
    expect(r).toMatchObject({ clipValue: 2, tbptt: 7 });
    expect(r.optimizer).toMatchObject({ kind: 'momentum', lr: 0.1, momentum: 0.9 });
  });

  it('leaves rmsprop its own smoothing default instead of a zero beta2', () => {
    const r = resolveTraining(spec(withTrain('  optimizer = rmsprop(lr = 0.01)')), {}, 10);
    expect(r.optimizer.kind).toBe('rmsprop');
    expect(r.optimizer.beta2).toBeUndefined();
  });

  it('uses the defaults without a train block', () => {
    expect(resolveTraining(undefined, {}, 10)).toEqual(DEFAULT_TRAINING);
  });

  it('picks the headline metric from the block, else from the task', () => {
    expect(headlineMetric(['loss', 'word_accuracy'], 'seq2seq')).toBe('word_accuracy');
    expect(headlineMetric([], 'classify')).toBe('accuracy');
    expect(headlineMetric([], 'tag')).toBe('token_accuracy');
    expect(headlineMetric([], 'lm')).toBe('perplexity');
    expect(headlineMetric([], 'regress')).toBe('loss');
  });
});
