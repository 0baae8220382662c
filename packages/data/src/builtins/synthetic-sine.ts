import { randomNormal } from '../prng.js';
import { intOption, type BuiltinSpec } from './builtin-options.js';
import { SYNTHETIC_OPTIONS, syntheticSplits, type SyntheticOption } from './synthetic.js';

/**
 * Forecasting noisy sines: each sequence is `a·sin(2πf·t + φ) + ε` with amplitude a in
 * [0.5, 1.5), frequency f in [1/40, 1/8) cycles per step, phase φ in [0, 2π) and Gaussian
 * noise ε of standard deviation `noise`. At every step the target is the next observed
 * value, so the model must infer a, f and φ from what it has seen.
 */
export const sine: BuiltinSpec<SyntheticOption | 'length' | 'noise'> = {
  name: 'sine',
  description: 'noisy sine waves: forecast the next value at every step',
  task: 'regress',
  options: {
    ...SYNTHETIC_OPTIONS,
    length: intOption(50, 1, 100_000, 'steps per sequence'),
    noise: { default: 0.05, min: 0, max: 10, integer: false, doc: 'noise standard deviation' },
  },
  load(o) {
    const T = o.length;
    const splits = syntheticSplits(o, (rand) => {
      const a = 0.5 + rand();
      const f = 1 / 40 + rand() * (1 / 8 - 1 / 40);
      const phi = 2 * Math.PI * rand();
      const series = Array.from(
        { length: T + 1 },
        (_, t) => a * Math.sin(2 * Math.PI * f * t + phi) + o.noise * randomNormal(rand),
      );
      return {
        x: series.slice(0, T).map((v) => [v]),
        next: series.slice(1).map((v) => [v]),
      };
    });
    return {
      dataset: {
        name: 'sine',
        description: sine.description,
        task: 'regress',
        fields: [
          { name: 'x', kind: 'vectors', width: 1, time: 'T' },
          { name: 'next', kind: 'values', width: 1, time: 'T' },
        ],
        inputs: ['x'],
        targets: ['next'],
        splits,
      },
    };
  },
};
