import { randomInt } from '../prng.js';
import { Vocabulary } from '../vocabulary.js';
import { intOption, type BuiltinSpec } from './builtin-options.js';
import { SYNTHETIC_OPTIONS, syntheticSplits, type SyntheticOption } from './synthetic.js';

/** The blank symbol of the copy task. */
export const COPY_BLANK = '_';
/** The delimiter that tells the model to start copying. */
export const COPY_GO = ':';

/**
 * Copy memory (Arjovsky et al. 2016): read `length` random symbols, wait through `delay`
 * steps (blanks, the last one the delimiter `:`), then write the symbols back. Input:
 * `s1..sL _.._ : _..._`; target: blanks until the delimiter has passed, then `s1..sL`.
 * A tagging task: one output per input step.
 */
export const copy: BuiltinSpec<SyntheticOption | 'length' | 'symbols' | 'delay'> = {
  name: 'copy',
  description: 'copy memory: read symbols, wait through a delay, write them back',
  task: 'tag',
  options: {
    ...SYNTHETIC_OPTIONS,
    length: intOption(10, 1, 10_000, 'symbols to remember'),
    symbols: intOption(8, 1, 26, 'alphabet size (a, b, c, ...)'),
    delay: intOption(20, 1, 100_000, 'steps between the last symbol and the copy-back'),
  },
  load(o) {
    const alphabet = Array.from({ length: o.symbols }, (_, k) => String.fromCharCode(97 + k));
    const vocab = new Vocabulary([COPY_BLANK, COPY_GO, ...alphabet]);
    const blank = vocab.idOf(COPY_BLANK);
    const go = vocab.idOf(COPY_GO);
    const first = vocab.idOf('a');
    const splits = syntheticSplits(o, (rand) => {
      const seq = Array.from({ length: o.length }, () => first + randomInt(rand, o.symbols));
      const wait = [...Array<number>(o.delay - 1).fill(blank), go];
      const input = [...seq, ...wait, ...Array<number>(o.length).fill(blank)];
      const output = [...Array<number>(o.length + o.delay).fill(blank), ...seq];
      return { input, output };
    });
    return {
      dataset: {
        name: 'copy',
        description: copy.description,
        task: 'tag',
        fields: [
          { name: 'input', kind: 'tokens', vocab, time: 'T' },
          { name: 'output', kind: 'tags', vocab, time: 'T' },
        ],
        inputs: ['input'],
        targets: ['output'],
        splits,
      },
    };
  },
};
