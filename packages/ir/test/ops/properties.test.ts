import { describe, expect, it } from 'vitest';
import {
  ELEMENTWISE_OPS,
  isRecurrent,
  PARAM_OWNING_OPS,
  recurrenceOf,
  ROW_WISE_OPS,
  WHOLE_SEQUENCE_OPS,
} from '../../src/ops/properties.js';
import { GATES } from '../../src/ops/recurrent.js';

const sorted = (s: Iterable<string>) => [...s].sort();

describe('op sets derived from the traits', () => {
  it('classify the ops as the hand-written lists did', () => {
    expect(ELEMENTWISE_OPS).toEqual([
      'relu',
      'tanh',
      'sigmoid',
      'gelu',
      'silu',
      'exp',
      'log',
      'neg',
      'add',
      'sub',
      'mul',
      'div',
    ]);
    expect(sorted(ROW_WISE_OPS)).toEqual(
      sorted([
        ...ELEMENTWISE_OPS,
        ...['matmul', 'slice', 'constant', 'param', 'dense', 'embed', 'concat'],
        ...['softmax', 'layer_norm'],
      ]),
    );
    expect(sorted(WHOLE_SEQUENCE_OPS)).toEqual(
      sorted(['rnn', 'lstm', 'gru', 'scan', 'final_state', 'reduce_time', 'last', 'first']),
    );
    expect(sorted(PARAM_OWNING_OPS)).toEqual(
      sorted(['embed', 'dense', 'conv1d', 'layer_norm', 'rnn', 'lstm', 'gru']),
    );
  });

  it('know the built-in recurrences, their gates and states', () => {
    expect(['rnn', 'lstm', 'gru', 'scan', 'dense'].map((op) => isRecurrent(op as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(recurrenceOf('lstm')).toMatchObject({ gates: ['i', 'f', 'g', 'o'], states: ['h', 'c'] });
    expect(recurrenceOf('gru')?.gates).toEqual(['r', 'z', 'n']);
    expect(recurrenceOf('scan')).toBeUndefined();
    expect(GATES).toEqual({ rnn: 1, lstm: 4, gru: 3 });
  });
});
