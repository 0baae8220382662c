import { ELEMENTWISE_OPS, OP_NAMES, PARAM_OWNING_OPS } from '@seqlab/ir';
import { describe, expect, it } from 'vitest';
import { NN_MODULES } from '../src/nn-modules.js';
import { NN_MODULE_OPS } from '../src/param-groups.js';
import { isTensorOp } from '../src/tensor-ops.js';

describe('the nn module table', () => {
  it('has a constructor for exactly the ops that own parameters', () => {
    const withModule = OP_NAMES.filter((op) => NN_MODULES[op] !== null).sort();
    expect(withModule).toEqual([...PARAM_OWNING_OPS].sort());
    expect([...NN_MODULE_OPS].sort()).toEqual(withModule);
    expect(withModule).toEqual(['conv1d', 'dense', 'embed', 'gru', 'layer_norm', 'lstm', 'rnn']);
  });

  it('writes every elementwise op as tensor code (a new activation cannot be forgotten)', () => {
    expect(ELEMENTWISE_OPS.filter((op) => !isTensorOp(op))).toEqual([]);
  });
});
