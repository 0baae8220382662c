import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Vocabulary, type SequenceDataset } from '@seqlab/data';
import { bindDataset, lowerModule } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import {
  argmax,
  classify,
  decode,
  generate,
  regress,
  softmax,
  tag,
} from '../../src/try/predict.js';
import type { TrainedModel } from '../../src/try/trained-model.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const letters = Vocabulary.fromTokens(
  new Map([...'abcdefghijklmnopqrstuvwxyz'].map((c) => [c, 1])),
);

function trained(source: string, dataset: SequenceDataset): TrainedModel {
  const m = compileSource(source).result.module;
  if (!m) throw new Error('model does not compile');
  const b = bindDataset(m, dataset);
  if (!b.ok) throw new Error(b.problems.join('; '));
  return { model: lowerModule(m, { tf, seed: 3 }), dataset, binding: b.binding, origin: 'test' };
}

const schema = (d: Omit<SequenceDataset, 'description' | 'splits'>): SequenceDataset => ({
  ...d,
  description: '',
  splits: { train: [], valid: [], test: [] },
});

describe('inference helpers', () => {
  it('softmax sums to one; argmax finds the largest', () => {
    const p = softmax([1, 2, 3, 1000]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
  });

  it('classifies a name into every label, probabilities summing to one', () => {
    const tm = trained(
      'model C {\n  input name: [B, T] int < 40\n  name |> embed(8) |> gru(8) |> last |> dense(2) -> logits\n  output logits\n}',
      schema({
        name: 'names',
        task: 'classify',
        fields: [
          { name: 'name', kind: 'tokens', vocab: letters, time: 'T' },
          { name: 'gender', kind: 'class', vocab: Vocabulary.ofLabels(['female', 'male']) },
        ],
        inputs: ['name'],
        targets: ['gender'],
      }),
    );
    const r = classify(tm, 'Maria');
    expect(r.map((x) => x.label).sort()).toEqual(['female', 'male']);
    expect(r.reduce((a, b) => a + b.p, 0)).toBeCloseTo(1);
    expect(r[0]?.p).toBeGreaterThanOrEqual(r[1]?.p ?? 1);
    expect(classify(tm, '   ')).toEqual([]);
  });

  it('tags every word with a real tag (never <pad> or <unk>)', () => {
    const words = Vocabulary.fromTokens(
      new Map([
        ['the', 2],
        ['dog', 1],
      ]),
    );
    const tags = new Vocabulary(['at', 'nn']);
    const tm = trained(
      'model T {\n  input words: [B, T] int < 10\n  words |> embed(4) |> rnn(4) |> dense(4) -> tags\n  output tags\n}',
      schema({
        name: 'brown-pos',
        task: 'tag',
        fields: [
          { name: 'words', kind: 'tokens', vocab: words, time: 'T' },
          { name: 'tags', kind: 'tags', vocab: tags, time: 'T' },
        ],
        inputs: ['words'],
        targets: ['tags'],
      }),
    );
    const r = tag(tm, 'The dog barked');
    expect(r.map((t) => t.token)).toEqual(['the', 'dog', 'barked']);
    for (const t of r) expect(['at', 'nn']).toContain(t.tag);
  });

  it('decodes greedily from <bos>, at most maxSteps phonemes', () => {
    const phonemes = Vocabulary.fromTokens(
      new Map([
        ['AH', 1],
        ['B', 1],
      ]),
      { bos: true, eos: true },
    );
    const tm = trained(
      'model G {\n  input spelling: [B, S] int < 30\n  input phonemes_in: [B, T] int < 8\n  enc = spelling |> embed(4) |> gru(6)\n  phonemes_in |> embed(4) |> gru(6, init = enc.state) |> dense(8) -> logits\n  output logits\n}',
      schema({
        name: 'cmudict',
        task: 'seq2seq',
        fields: [
          { name: 'letters', kind: 'tokens', vocab: letters, time: 'S' },
          { name: 'phonemes_in', kind: 'tokens', vocab: phonemes, time: 'T' },
          { name: 'phonemes', kind: 'tokens', vocab: phonemes, time: 'T' },
        ],
        inputs: ['letters', 'phonemes_in'],
        targets: ['phonemes'],
      }),
    );
    const out = decode(tm, 'cab', 5);
    expect(out.length).toBeLessThanOrEqual(5);
    for (const p of out) expect(['AH', 'B', '<unk>']).toContain(p);
  });

  it('generates the asked number of characters, deterministic at temperature 0', () => {
    const chars = Vocabulary.fromTokens(new Map([...'ab '].map((c) => [c, 1])));
    const tm = trained(
      'model L {\n  input chars: [B, T] int < 8\n  chars |> embed(4) |> lstm(8) |> dense(8) -> next\n  output next\n}',
      schema({
        name: 'brown-chars',
        task: 'lm',
        fields: [
          { name: 'chars', kind: 'tokens', vocab: chars, time: 'T' },
          { name: 'next', kind: 'tokens', vocab: chars, time: 'T' },
        ],
        inputs: ['chars'],
        targets: ['next'],
      }),
    );
    const a = generate(tm, 'ab', 12, 0);
    expect([...a].length).toBe(12);
    expect(generate(tm, 'ab', 12, 0)).toBe(a);
    expect(a).toMatch(/^[ab ]+$/);
  });

  it('predicts a regression example beside its target', () => {
    const ds: SequenceDataset = {
      ...schema({
        name: 'adding',
        task: 'regress',
        fields: [
          { name: 'x', kind: 'vectors', width: 2, time: 'T' },
          { name: 'sum', kind: 'values', width: 1 },
        ],
        inputs: ['x'],
        targets: ['sum'],
      }),
      splits: {
        train: [],
        valid: [
          {
            x: [
              [0.5, 1],
              [0.25, 1],
              [0.1, 0],
            ],
            sum: [0.75],
          },
        ],
        test: [],
      },
    };
    const tm = trained(
      'model A {\n  input x: [B, T, 2]\n  x |> rnn(4) |> last |> dense(1) -> sum\n  output sum\n}',
      ds,
    );
    const r = regress(tm);
    expect(r.target).toEqual([0.75]);
    expect(r.predicted).toHaveLength(1);
    expect(Number.isFinite(r.predicted[0])).toBe(true);
  });
});
