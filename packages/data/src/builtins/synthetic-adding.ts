import { randomInt } from '../prng.js';
import { intOption, type BuiltinSpec } from './builtin-options.js';
import { SYNTHETIC_OPTIONS, syntheticSplits, type SyntheticOption } from './synthetic.js';

/**
 * The adding problem (Hochreiter & Schmidhuber 1997): each step is [value, marker] with
 * values uniform in [0, 1); exactly two markers are 1, one in each half of the sequence;
 * the target is the sum of the two marked values. Solving it needs memory across T steps.
 */
export const adding: BuiltinSpec<SyntheticOption | 'length'> = {
  name: 'adding',
  description: 'adding problem: sum the two marked values of a [value, marker] sequence',
  task: 'regress',
  options: { ...SYNTHETIC_OPTIONS, length: intOption(50, 2, 100_000, 'steps per sequence') },
  load(o) {
    const T = o.length;
    const half = Math.floor(T / 2);
    const splits = syntheticSplits(o, (rand) => {
      const x = Array.from({ length: T }, () => [rand(), 0]);
      const i = randomInt(rand, half);
      const j = half + randomInt(rand, T - half);
      let sum = 0;
      for (const k of [i, j]) {
        const step = x[k];
        if (!step) throw new Error('adding: marker out of range');
        step[1] = 1;
        sum += step[0] ?? 0;
      }
      return { x, sum: [sum] };
    });
    return {
      dataset: {
        name: 'adding',
        description: adding.description,
        task: 'regress',
        fields: [
          { name: 'x', kind: 'vectors', width: 2, time: 'T' },
          { name: 'sum', kind: 'values', width: 1 },
        ],
        inputs: ['x'],
        targets: ['sum'],
        splits,
      },
    };
  },
};
