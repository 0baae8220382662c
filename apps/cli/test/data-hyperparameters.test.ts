/** Vocabulary bounds set from the data (compiler finds the bounds, tfjs sizes them). */
import { Vocabulary, type SequenceDataset } from '@seqlab/data';
import { inputVocabHyperparameters } from '@seqlab/compiler';
import { parse } from '@seqlab/syntax';
import { dataHyperparameters as fromBounds } from '@seqlab/tfjs';
import { describe, expect, it } from 'vitest';

const ds: SequenceDataset = {
  name: 'names',
  description: '',
  task: 'classify',
  fields: [
    {
      name: 'name',
      kind: 'tokens',
      vocab: Vocabulary.fromTokens(
        new Map([
          ['a', 1],
          ['b', 1],
        ]),
      ),
      time: 'T',
    },
    { name: 'gender', kind: 'class', vocab: Vocabulary.ofLabels(['f', 'm']) },
  ],
  inputs: ['name'],
  targets: ['gender'],
  splits: { train: [], valid: [], test: [] },
};

const program = (text: string) => parse(text, 'm.seq').program;

/** The composition `seqlab train` and the playground both use. */
const dataHyperparameters = (
  p: ReturnType<typeof program>,
  model: string,
  d: SequenceDataset,
  userSet: Record<string, unknown>,
) => fromBounds(inputVocabHyperparameters(p, model), d, userSet);

describe('hyperparameters from the data', () => {
  const text =
    'model M(vocab = 32) {\n  input name: [B, T] int < vocab\n  name |> embed(4) |> gru(4) |> last |> dense(2) -> y\n  output y\n}';

  it('sizes a vocabulary bound to the data (pad and unk included)', () => {
    expect(dataHyperparameters(program(text), 'M', ds, {})).toEqual({
      set: { vocab: 4 },
      notes: ['vocab = 4 (distinct tokens of names.name)'],
    });
  });

  it('leaves a bound the user set, a literal bound, and other models alone', () => {
    expect(dataHyperparameters(program(text), 'M', ds, { vocab: 50 }).set).toEqual({});
    expect(
      dataHyperparameters(program(text.replace('int < vocab', 'int < 30')), 'M', ds, {}).set,
    ).toEqual({});
    expect(dataHyperparameters(program(text), 'Other', ds, {}).set).toEqual({});
  });
});
